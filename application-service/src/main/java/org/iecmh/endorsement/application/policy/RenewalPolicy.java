package org.iecmh.endorsement.application.policy;

import java.time.LocalDate;
import java.time.MonthDay;

/** How long a newly granted endorsement is valid: an association renews yearly or in fixed multi-year windows. */
public sealed interface RenewalPolicy {

    /** The last day the endorsement is valid, for one granted on {@code grantedOn}. */
    LocalDate validThrough(LocalDate grantedOn);

    /** Renewal due every year on the same day; the first renewal falls at least a year after the grant. */
    record Yearly(MonthDay due) implements RenewalPolicy {
        @Override
        public LocalDate validThrough(LocalDate grantedOn) {
            LocalDate firstDue = due.atYear(grantedOn.getYear());
            LocalDate oneYearOn = grantedOn.plusYears(1);
            while (firstDue.isBefore(oneYearOn)) {
                firstDue = due.atYear(firstDue.getYear() + 1);
            }
            return firstDue;
        }
    }

    /**
     * Renewal in a window that opens every {@code cycleYears} years from {@code anchorYear} (seed 003: October 1 to
     * December 31 of 2027, 2030, 2033, ...). An endorsement is valid through the close of the first window that
     * opens after it was granted.
     */
    record FixedWindows(int anchorYear, int cycleYears, MonthDay opens, MonthDay closes) implements RenewalPolicy {

        public FixedWindows {
            if (cycleYears < 1) {
                throw new IllegalArgumentException("cycle-years must be at least 1, was " + cycleYears);
            }
            if (closes.isBefore(opens)) {
                throw new IllegalArgumentException("a window must close (" + closes + ") after it opens (" + opens + ")");
            }
        }

        @Override
        public LocalDate validThrough(LocalDate grantedOn) {
            int year = anchorYear;
            while (year < grantedOn.getYear()) {
                year += cycleYears;
            }
            while (!opens.atYear(year).isAfter(grantedOn)) {
                year += cycleYears;
            }
            return closes.atYear(year);
        }
    }
}
