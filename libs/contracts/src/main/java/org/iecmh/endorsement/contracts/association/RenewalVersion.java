package org.iecmh.endorsement.contracts.association;

import java.time.LocalDate;
import java.time.MonthDay;
import java.util.List;
import java.util.Set;

/**
 * One version of an association's renewal policy as written ({@code model: yearly} with {@code due} and
 * {@code opens}, or {@code model: fixed-window} with {@code anchorYear}, {@code cycleYears}, {@code opens} and
 * {@code closes}; MM-DD days). What every year of the cycle asks is written out: training hours (of which
 * {@code deiHoursPerYear} about diversity, equity and inclusion), reflective supervision hours for the categories
 * listed, and whether the code of ethics and a membership covering the year are asked. Reminders fall the listed days
 * before the window opens and before it closes. A renewal within {@code graceDays} after the close owes the late fee
 * of the association's fee schedule ({@link FeeSchedule#lateFee()}), the one place the amount is set.
 * {@code auditPercent} (0 to 100, none: 0) is the share of renewals the association samples each cycle for an audit
 * of the evidence of their hours.
 * {@link #policy(FeeSchedule)} reads it into the one {@link RenewalPolicy}.
 */
public record RenewalVersion(LocalDate effectiveFrom, String model, String due, String opens, String closes,
                             Integer anchorYear, Integer cycleYears, Integer graceDays,
                             List<Integer> reminderDaysBeforeOpening,
                             List<Integer> reminderDaysBeforeClosing, Integer trainingHoursPerYear,
                             Integer deiHoursPerYear, Integer reflectiveSupervisionHoursPerYear,
                             Set<String> reflectiveSupervisionCategories, Boolean codeOfEthicsPerYear,
                             Boolean membershipPerYear, Integer inactiveMaximumMonths, Boolean reinstatementFee,
                             Integer auditPercent)
        implements Versioned {

    public static final String YEARLY = "yearly";
    public static final String FIXED_WINDOW = "fixed-window";

    /** Every rule this version breaks, its fields named under {@code at} (such as {@code renewal[0]}). */
    public List<Violation> violations(String at) {
        Checks checks = new Checks();
        check(checks, at + ".");
        return checks.found();
    }

    /**
     * The policy this version sets, its late fee that of {@code fees} (none where the schedule has no late fee, or
     * where there is no schedule); {@link InvalidAssociation} when it breaks a rule.
     */
    public RenewalPolicy policy(FeeSchedule fees) {
        List<Violation> violations = violations("renewal");
        if (!violations.isEmpty()) {
            throw new InvalidAssociation(violations);
        }
        RenewalPolicy.Model parsed = switch (model) {
            case YEARLY -> new RenewalPolicy.Yearly(day(due), day(opens));
            case FIXED_WINDOW -> new RenewalPolicy.FixedWindows(anchorYear, cycleYears, day(opens), day(closes));
            default -> throw new IllegalStateException(model);
        };
        int trainingHours = trainingHoursPerYear;
        return new RenewalPolicy(effectiveFrom, parsed, orZero(graceDays),
                fees == null || fees.lateFee() == null ? 0 : fees.lateFee(),
                fees == null || fees.currency() == null ? "USD" : fees.currency(),
                new RenewalPolicy.Reminders(orEmpty(reminderDaysBeforeOpening), orEmpty(reminderDaysBeforeClosing)),
                new RenewalPolicy.YearlyActivity(trainingHours, orZero(deiHoursPerYear),
                        orZero(reflectiveSupervisionHoursPerYear),
                        reflectiveSupervisionCategories == null ? Set.of() : reflectiveSupervisionCategories,
                        codeOfEthicsPerYear, membershipPerYear),
                orZero(inactiveMaximumMonths), reinstatementFee == null || reinstatementFee, orZero(auditPercent));
    }

    void check(Checks checks, String at) {
        checks.required(at + "effectiveFrom", effectiveFrom);
        if (checks.required(at + "model", model)) {
            switch (model) {
                case YEARLY -> {
                    checks.monthDay(at + "due", due);
                    checks.monthDay(at + "opens", opens);
                }
                case FIXED_WINDOW -> {
                    if (checks.required(at + "cycleYears", cycleYears)) {
                        checks.atLeast(at + "cycleYears", cycleYears, 1);
                    }
                    checks.required(at + "anchorYear", anchorYear);
                    MonthDay opensOn = checks.monthDay(at + "opens", opens);
                    MonthDay closesOn = checks.monthDay(at + "closes", closes);
                    if (opensOn != null && closesOn != null && closesOn.isBefore(opensOn)) {
                        checks.add(at + "closes", "closes-after-opens",
                                at + "closes must fall after opens in the same year");
                    }
                }
                default -> checks.add(at + "model", "one-of",
                        at + "model must be yearly or fixed-window, was " + model);
            }
        }
        checks.notNegative(at + "graceDays", graceDays);
        days(checks, at + "reminderDaysBeforeOpening", reminderDaysBeforeOpening);
        days(checks, at + "reminderDaysBeforeClosing", reminderDaysBeforeClosing);
        if (checks.required(at + "trainingHoursPerYear", trainingHoursPerYear)) {
            checks.notNegative(at + "trainingHoursPerYear", trainingHoursPerYear);
            // DEI hours are training hours on diversity, equity and inclusion, so they cannot be more than all of them.
            if (deiHoursPerYear != null && deiHoursPerYear > trainingHoursPerYear) {
                checks.add(at + "deiHoursPerYear", "at-most", at + "deiHoursPerYear must not exceed "
                        + "trainingHoursPerYear (" + deiHoursPerYear + " > " + trainingHoursPerYear + ")");
            }
        }
        checks.notNegative(at + "deiHoursPerYear", deiHoursPerYear);
        checks.notNegative(at + "reflectiveSupervisionHoursPerYear", reflectiveSupervisionHoursPerYear);
        if (reflectiveSupervisionCategories != null) {
            reflectiveSupervisionCategories.forEach(category ->
                    checks.knownCategory(at + "reflectiveSupervisionCategories", category));
        }
        // What a year asks is written out in each policy, never assumed.
        checks.required(at + "codeOfEthicsPerYear", codeOfEthicsPerYear);
        checks.required(at + "membershipPerYear", membershipPerYear);
        checks.notNegative(at + "inactiveMaximumMonths", inactiveMaximumMonths);
        checks.range(at + "auditPercent", auditPercent, 0, 100);
    }

    private static void days(Checks checks, String field, List<Integer> days) {
        if (days != null && days.stream().anyMatch(d -> d == null || d < 1)) {
            checks.add(field, "at-least", field + " must list days of 1 or more");
        }
    }

    private static MonthDay day(String monthDay) {
        return MonthDay.parse("--" + monthDay);
    }

    private static int orZero(Integer value) {
        return value == null ? 0 : value;
    }

    private static List<Integer> orEmpty(List<Integer> days) {
        return days == null ? List.of() : days;
    }
}
