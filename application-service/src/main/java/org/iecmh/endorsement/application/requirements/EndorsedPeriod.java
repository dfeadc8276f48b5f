package org.iecmh.endorsement.application.requirements;

import java.time.LocalDate;

/** A stretch of time in which a provider held an endorsement: from {@code from}, until {@code until} (exclusive). */
public record EndorsedPeriod(LocalDate from, LocalDate until) {

    public static EndorsedPeriod since(LocalDate from) {
        return new EndorsedPeriod(from, null);
    }

    public boolean covers(LocalDate day) {
        return !day.isBefore(from) && (until == null || day.isBefore(until));
    }
}
