package org.iecmh.endorsement.association.record;

import org.iecmh.endorsement.contracts.association.Association;
import org.iecmh.endorsement.contracts.association.InvalidAssociation;
import org.iecmh.endorsement.contracts.association.Versioned;
import org.iecmh.endorsement.contracts.association.Versions;
import org.iecmh.endorsement.contracts.association.Violation;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * How a new version joins a policy part. It takes effect on a day not before today (the association's day): what was
 * decided under the versions in force stays decided. A version for a day that already has one replaces it while that
 * day is still ahead; a version in force is never rewritten. The record that results must keep every rule.
 */
public final class PolicyVersions {

    public static final String EFFECTIVE_FROM_PAST = "effective-from-past";
    public static final String VERSION_IN_FORCE = "version-in-force";

    private PolicyVersions() {
    }

    /** {@code record} with {@code version} added to {@code part}, checked as a whole; {@link InvalidAssociation} if not. */
    public static Association add(Association record, PolicyPart part, Versioned version, LocalDate today) {
        String field = part.field() + ".effectiveFrom";
        if (version.effectiveFrom() == null) {
            throw invalid(field, "required", field + " is required");
        }
        if (version.effectiveFrom().isBefore(today)) {
            throw invalid(field, EFFECTIVE_FROM_PAST, "A new version takes effect today (" + today
                    + ", the association's day) or later, not on " + version.effectiveFrom());
        }
        List<Versioned> versions = new ArrayList<>(part.versions(record));
        Optional<? extends Versioned> sameDay = versions.stream()
                .filter(existing -> version.effectiveFrom().equals(existing.effectiveFrom())).findFirst();
        if (sameDay.isPresent() && !sameDay.get().effectiveFrom().isAfter(today)) {
            throw invalid(field, VERSION_IN_FORCE, "The version effective from " + version.effectiveFrom()
                    + " is in force and cannot be rewritten; add one from a later day");
        }
        sameDay.ifPresent(versions::remove);
        versions.add(version);
        return part.with(record, Versions.byDate(versions)).validated();
    }

    /** The version of {@code part} in force the day before {@code day}: the one a new version from that day follows. */
    public static Optional<? extends Versioned> before(Association record, PolicyPart part, LocalDate day) {
        return Versions.inForce(new ArrayList<>(part.versions(record)), day.minusDays(1));
    }

    /** The first version of {@code part} that takes effect after {@code day}: where a version from that day ends. */
    public static Optional<LocalDate> nextAfter(Association record, PolicyPart part, LocalDate day) {
        return part.versions(record).stream().map(Versioned::effectiveFrom).filter(from -> from.isAfter(day))
                .min(LocalDate::compareTo);
    }

    private static InvalidAssociation invalid(String field, String rule, String message) {
        return new InvalidAssociation(List.of(new Violation(field, rule, message)));
    }
}
