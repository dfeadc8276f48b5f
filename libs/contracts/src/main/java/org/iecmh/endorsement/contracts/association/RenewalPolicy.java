package org.iecmh.endorsement.contracts.association;

import java.time.LocalDate;
import java.time.MonthDay;
import java.util.List;
import java.util.Set;

/**
 * How an association renews endorsements, as in force from {@code effectiveFrom}: when the window opens and closes,
 * the grace period and late fee, the reminders, what an endorsee does every year of the cycle, how long an
 * endorsement may stay on hold, whether reinstatement after a lapse waits for a fee (payment-service prices it), and
 * the share of renewals, in percent, sampled each cycle for an audit of the evidence of their hours.
 */
public record RenewalPolicy(LocalDate effectiveFrom, Model model, int graceDays, long lateFeeCents, String currency,
                            Reminders reminders, YearlyActivity activity, int inactiveMaximumMonths,
                            boolean reinstatementFee, int auditPercent) {

    public RenewalPolicy {
        if (auditPercent < 0 || auditPercent > 100) {
            throw new IllegalArgumentException("auditPercent must be from 0 to 100, was " + auditPercent);
        }
    }

    /**
     * When the endorsee is reminded: {@code beforeOpening} days before the window opens (the reminders that fall
     * before the renewal period) and {@code beforeClosing} days before it closes (while it is open and they have not
     * submitted). A mail also says when the window opens.
     */
    public record Reminders(List<Integer> beforeOpening, List<Integer> beforeClosing) {
        public Reminders {
            beforeOpening = beforeOpening.stream().sorted((a, b) -> b - a).toList();
            beforeClosing = beforeClosing.stream().sorted((a, b) -> b - a).toList();
        }
    }

    /** The reminders before the window closes (the original, and still the usual, kind). */
    public List<Integer> reminderDaysBefore() {
        return reminders.beforeClosing();
    }

    /**
     * Valid-through of an endorsement this association takes on by transfer on {@code day}: its own first due date
     * (or window close) on or after that day. The endorsee then renews in the receiving association's cycle, and
     * every year from the transfer on is asked for by its policy: no year is skipped, none is asked twice.
     */
    public LocalDate validThroughOnTransfer(LocalDate day) {
        return model.firstCloseOnOrAfter(day);
    }

    /** The last day an endorsement granted on {@code grantedOn} is valid. */
    public LocalDate validThrough(LocalDate grantedOn) {
        return model.validThrough(grantedOn);
    }

    /** The window in which an endorsement valid through {@code validThrough} renews. */
    public RenewalWindow windowFor(LocalDate validThrough) {
        return new RenewalWindow(model.opensFor(validThrough), validThrough, validThrough.plusDays(graceDays));
    }

    /** Valid-through after a renewal of an endorsement valid through {@code validThrough}. */
    public LocalDate renewedThrough(LocalDate validThrough) {
        return model.nextCloseAfter(validThrough);
    }

    /** Valid-through of an endorsement valid through {@code validThrough} that comes back on {@code day}. */
    public LocalDate validThroughOnReturn(LocalDate validThrough, LocalDate day) {
        LocalDate through = validThrough;
        while (through.isBefore(day)) {
            through = renewedThrough(through);
        }
        return through;
    }

    /** The years of the cycle that a renewal closing on {@code validThrough} answers for. */
    public int cycleYears() {
        return model.cycleYears();
    }

    /**
     * Hours and duties for each year of the cycle. {@code deiHours} of the training hours must be about diversity,
     * equity and inclusion where the association asks for it (0: it does not); the code of ethics is signed every
     * year and a membership covers every year only where the association asks for them.
     */
    public record YearlyActivity(int trainingHours, int deiHours, int reflectiveSupervisionHours,
                                 Set<String> reflectiveSupervisionCategories, boolean codeOfEthics,
                                 boolean membership) {
        public YearlyActivity {
            reflectiveSupervisionCategories = Set.copyOf(reflectiveSupervisionCategories);
        }

        public int reflectiveSupervisionHoursFor(String category) {
            return reflectiveSupervisionCategories.contains(category) ? reflectiveSupervisionHours : 0;
        }
    }

    /** Yearly (renew every year by {@code due}) or fixed multi-year windows. */
    public sealed interface Model {

        LocalDate opensFor(LocalDate closesOn);

        LocalDate nextCloseAfter(LocalDate closesOn);

        /** The first due date (or window close) on or after {@code day}. */
        LocalDate firstCloseOnOrAfter(LocalDate day);

        int cycleYears();

        /** The last day an endorsement granted on {@code grantedOn} is valid: the first due date (or window close) it renews by. */
        LocalDate validThrough(LocalDate grantedOn);
    }

    /** Due every year on {@code due}; the window opens on {@code opens} of the due year. */
    public record Yearly(MonthDay due, MonthDay opens) implements Model {
        @Override
        public LocalDate opensFor(LocalDate closesOn) {
            LocalDate opensOn = opens.atYear(closesOn.getYear());
            return opensOn.isAfter(closesOn) ? opens.atYear(closesOn.getYear() - 1) : opensOn;
        }

        @Override
        public LocalDate nextCloseAfter(LocalDate closesOn) {
            return due.atYear(closesOn.getYear() + 1);
        }

        @Override
        public LocalDate firstCloseOnOrAfter(LocalDate day) {
            LocalDate thisYear = due.atYear(day.getYear());
            return thisYear.isBefore(day) ? due.atYear(day.getYear() + 1) : thisYear;
        }

        @Override
        public int cycleYears() {
            return 1;
        }

        /** The first renewal falls at least a year after the grant. */
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

    /** A window from {@code opens} to {@code closes} every {@code cycleYears} years from {@code anchorYear}. */
    public record FixedWindows(int anchorYear, int cycleYears, MonthDay opens, MonthDay closes) implements Model {

        public FixedWindows {
            if (cycleYears < 1) {
                throw new IllegalArgumentException("cycle-years must be at least 1, was " + cycleYears);
            }
            if (closes.isBefore(opens)) {
                throw new IllegalArgumentException("a window must close (" + closes + ") after it opens (" + opens + ")");
            }
        }

        /** Valid through the close of the first window that opens after the grant (seed 003: 2027, 2030, ...). */
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

        @Override
        public LocalDate opensFor(LocalDate closesOn) {
            return opens.atYear(closesOn.getYear());
        }

        @Override
        public LocalDate nextCloseAfter(LocalDate closesOn) {
            int year = anchorYear;
            while (year <= closesOn.getYear()) {
                year += cycleYears;
            }
            return closes.atYear(year);
        }

        @Override
        public LocalDate firstCloseOnOrAfter(LocalDate day) {
            int year = anchorYear;
            while (!closes.atYear(year - cycleYears).isBefore(day)) {
                year -= cycleYears;
            }
            while (closes.atYear(year).isBefore(day)) {
                year += cycleYears;
            }
            return closes.atYear(year);
        }
    }
}
