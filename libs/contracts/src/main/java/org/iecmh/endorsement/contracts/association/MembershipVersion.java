package org.iecmh.endorsement.contracts.association;

import java.time.LocalDate;
import java.time.MonthDay;

/**
 * A membership runs by calendar year: bought on a day, it runs to December 31 of that year, or of the next year when
 * bought after {@code nextYearAfter} (MM-DD, such as {@code 09-01}). {@code requiredToApply}: whether the association
 * asks applicants to be members before they apply.
 */
public record MembershipVersion(LocalDate effectiveFrom, String nextYearAfter, Boolean requiredToApply)
        implements Versioned {

    /** The last day of a membership bought on {@code day}. */
    public LocalDate runsThrough(LocalDate day) {
        boolean late = day.isAfter(MonthDay.parse("--" + nextYearAfter).atYear(day.getYear()));
        return LocalDate.of(late ? day.getYear() + 1 : day.getYear(), 12, 31);
    }

    public boolean membershipRequiredToApply() {
        return Boolean.TRUE.equals(requiredToApply);
    }
}
