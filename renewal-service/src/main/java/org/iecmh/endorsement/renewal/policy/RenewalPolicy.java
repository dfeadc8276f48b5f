package org.iecmh.endorsement.renewal.policy;

import java.time.LocalDate;
import java.time.MonthDay;
import java.util.List;
import java.util.Set;

/**
 * How an association renews endorsements, as in force from {@code effectiveFrom}: when the window opens and closes,
 * the grace period and late fee, the reminders, what an endorsee does every year of the cycle, how long an
 * endorsement may stay on hold, and whether reinstatement after a lapse waits for a fee (payment-service prices it).
 */
public record RenewalPolicy(LocalDate effectiveFrom, Model model, int graceDays, long lateFeeCents, String currency,
                            List<Integer> reminderDaysBefore, YearlyActivity activity, int inactiveMaximumMonths,
                            boolean reinstatementFee) {

    public RenewalPolicy {
        reminderDaysBefore = reminderDaysBefore.stream().sorted((a, b) -> b - a).toList();
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
     * equity and inclusion where the association asks for it (0: it does not).
     */
    public record YearlyActivity(int trainingHours, int deiHours, int reflectiveSupervisionHours,
                                 Set<String> reflectiveSupervisionCategories) {
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

        int cycleYears();
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
        public int cycleYears() {
            return 1;
        }
    }

    /** A window from {@code opens} to {@code closes} every {@code cycleYears} years from {@code anchorYear}. */
    public record FixedWindows(int anchorYear, int cycleYears, MonthDay opens, MonthDay closes) implements Model {
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
    }
}
