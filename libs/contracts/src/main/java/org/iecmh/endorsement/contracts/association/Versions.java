package org.iecmh.endorsement.contracts.association;

import java.time.LocalDate;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/** Choosing among a part's versions by day. */
public final class Versions {

    private Versions() {
    }

    /** The versions from the earliest to the latest (a version without a date, refused by the check, sorts first). */
    public static <V extends Versioned> List<V> byDate(List<V> versions) {
        return versions.stream().sorted(Comparator.comparing(Versioned::effectiveFrom,
                Comparator.nullsFirst(Comparator.naturalOrder()))).toList();
    }

    /** The latest version that took effect on or before {@code day}. */
    public static <V extends Versioned> Optional<V> inForce(List<V> versions, LocalDate day) {
        return byDate(versions).stream()
                .filter(version -> version.effectiveFrom() != null && !version.effectiveFrom().isAfter(day))
                .reduce((earlier, later) -> later);
    }
}
