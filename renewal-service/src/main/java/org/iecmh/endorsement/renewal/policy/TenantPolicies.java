package org.iecmh.endorsement.renewal.policy;

import org.iecmh.endorsement.contracts.association.RenewalPolicy;
import org.iecmh.endorsement.kit.web.UnknownResource;
import org.springframework.boot.context.properties.ConfigurationProperties;

import java.time.Clock;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.MonthDay;
import java.time.format.DateTimeParseException;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Each association's renewal policy as configuration ({@code iecmh.tenants.<code>.renewal}): versions, each in force
 * from its {@code effective-from} date until the next begins. Read when the service starts, so a policy that cannot
 * be read stops it with a message naming the setting.
 */
@ConfigurationProperties("iecmh")
public record TenantPolicies(Map<String, Tenant> tenants) {

    public TenantPolicies {
        tenants = tenants == null ? Map.of() : Map.copyOf(tenants);
        tenants.forEach(TenantPolicies::versions);
        tenants.forEach(TenantPolicies::zone);
    }

    /**
     * {@code timeZone}: where the association's days begin and end (an IANA zone such as {@code America/New_York});
     * every day of its endorsements (due dates, windows, reminders, lapses, the day an activity is logged) is a day
     * there.
     */
    public record Tenant(String timeZone, List<Renewal> renewal) {
    }

    /** The day it is now for the association. */
    public LocalDate today(String tenant, Clock clock) {
        return LocalDate.ofInstant(clock.instant(), zone(tenant));
    }

    /** The association's time zone. */
    public ZoneId zone(String tenant) {
        Tenant settings = tenants.get(tenant);
        if (settings == null) {
            throw new UnknownResource("association", tenant);
        }
        return zone(tenant, settings);
    }

    /** The associations this service keeps endorsements for. */
    public Set<String> codes() {
        return tenants.keySet();
    }

    private static ZoneId zone(String code, Tenant tenant) {
        if (tenant.timeZone() == null) {
            throw new IllegalStateException("iecmh.tenants." + code + ".time-zone is required (such as America/New_York)");
        }
        try {
            return ZoneId.of(tenant.timeZone());
        } catch (DateTimeException e) {
            throw new IllegalStateException("iecmh.tenants." + code + ".time-zone must be an IANA time zone, was "
                    + tenant.timeZone(), e);
        }
    }

    /** One version of a renewal policy as written in configuration. */
    public record Renewal(LocalDate effectiveFrom, String model, String due, String opens, String closes,
                          Integer anchorYear, Integer cycleYears, Integer graceDays, Long lateFeeCents,
                          String currency, List<Integer> reminderDaysBeforeOpening,
                          List<Integer> reminderDaysBeforeClosing, Integer trainingHoursPerYear,
                          Integer deiHoursPerYear, Integer reflectiveSupervisionHoursPerYear, Set<String> reflectiveSupervisionCategories,
                          Boolean codeOfEthicsPerYear, Boolean membershipPerYear,
                          Integer inactiveMaximumMonths, Boolean reinstatementFee) {
    }

    /** The policy of {@code tenant} in force on {@code day}. */
    public RenewalPolicy policy(String tenant, LocalDate day) {
        Tenant settings = tenants.get(tenant);
        if (settings == null) {
            throw new UnknownResource("association", tenant);
        }
        return versions(tenant, settings).stream().filter(v -> !v.effectiveFrom().isAfter(day))
                .reduce((earlier, later) -> later)
                .orElseThrow(() -> new IllegalStateException(
                        "iecmh.tenants." + tenant + ".renewal has no version in force on " + day));
    }

    private static List<RenewalPolicy> versions(String code, Tenant tenant) {
        if (tenant == null || tenant.renewal() == null || tenant.renewal().isEmpty()) {
            throw new IllegalStateException("iecmh.tenants." + code + ".renewal needs at least one version");
        }
        List<RenewalPolicy> versions = new java.util.ArrayList<>();
        for (int i = 0; i < tenant.renewal().size(); i++) {
            versions.add(version("iecmh.tenants." + code + ".renewal[" + i + "].", tenant.renewal().get(i)));
        }
        versions.sort(Comparator.comparing(RenewalPolicy::effectiveFrom));
        return versions;
    }

    static RenewalPolicy version(String prefix, Renewal r) {
        if (r.effectiveFrom() == null) {
            throw new IllegalStateException(prefix + "effective-from is required");
        }
        if (r.model() == null) {
            throw new IllegalStateException(prefix + "model is required");
        }
        RenewalPolicy.Model model = switch (r.model()) {
            case "yearly" -> new RenewalPolicy.Yearly(monthDay(prefix, "due", r.due()),
                    monthDay(prefix, "opens", r.opens()));
            case "fixed-window" -> {
                int cycle = required(prefix, "cycle-years", r.cycleYears());
                if (cycle < 1) {
                    throw new IllegalStateException(prefix + "cycle-years must be at least 1, was " + cycle);
                }
                MonthDay opens = monthDay(prefix, "opens", r.opens());
                MonthDay closes = monthDay(prefix, "closes", r.closes());
                if (closes.isBefore(opens)) {
                    throw new IllegalStateException(prefix + "closes must fall after opens in the same year");
                }
                yield new RenewalPolicy.FixedWindows(required(prefix, "anchor-year", r.anchorYear()), cycle, opens,
                        closes);
            }
            default -> throw new IllegalStateException(prefix + "model must be yearly or fixed-window, was "
                    + r.model());
        };
        int grace = atLeastZero(prefix, "grace-days", r.graceDays() == null ? 0 : r.graceDays());
        long lateFee = r.lateFeeCents() == null ? 0 : r.lateFeeCents();
        if (lateFee < 0) {
            throw new IllegalStateException(prefix + "late-fee-cents must be 0 or more");
        }
        String currency = r.currency() == null ? "USD" : r.currency();
        if (!currency.matches("[A-Z]{3}")) {
            throw new IllegalStateException(prefix + "currency must be an ISO 4217 code, was " + currency);
        }
        RenewalPolicy.Reminders reminders = new RenewalPolicy.Reminders(
                days(prefix, "reminder-days-before-opening", r.reminderDaysBeforeOpening()),
                days(prefix, "reminder-days-before-closing", r.reminderDaysBeforeClosing()));
        int trainingHours = atLeastZero(prefix, "training-hours-per-year", required(prefix, "training-hours-per-year",
                r.trainingHoursPerYear()));
        int deiHours = atLeastZero(prefix, "dei-hours-per-year", r.deiHoursPerYear() == null ? 0 : r.deiHoursPerYear());
        if (deiHours > trainingHours) {
            // DEI hours are training hours on diversity, equity and inclusion, so they cannot be more than all of them.
            throw new IllegalStateException(prefix + "dei-hours-per-year must not exceed training-hours-per-year ("
                    + deiHours + " > " + trainingHours + ")");
        }
        RenewalPolicy.YearlyActivity activity = new RenewalPolicy.YearlyActivity(trainingHours, deiHours,
                atLeastZero(prefix, "reflective-supervision-hours-per-year",
                        r.reflectiveSupervisionHoursPerYear() == null ? 0 : r.reflectiveSupervisionHoursPerYear()),
                r.reflectiveSupervisionCategories() == null ? Set.of() : r.reflectiveSupervisionCategories(),
                required(prefix, "code-of-ethics-per-year", r.codeOfEthicsPerYear()),
                required(prefix, "membership-per-year", r.membershipPerYear()));
        int inactiveMaximum = atLeastZero(prefix, "inactive-maximum-months",
                r.inactiveMaximumMonths() == null ? 0 : r.inactiveMaximumMonths());
        return new RenewalPolicy(r.effectiveFrom(), model, grace, lateFee, currency, reminders, activity,
                inactiveMaximum, r.reinstatementFee() == null || r.reinstatementFee());
    }

    private static MonthDay monthDay(String prefix, String setting, String value) {
        if (value == null) {
            throw new IllegalStateException(prefix + setting + " is required");
        }
        try {
            return MonthDay.parse("--" + value);
        } catch (DateTimeParseException e) {
            throw new IllegalStateException(prefix + setting + " must be MM-DD, was " + value, e);
        }
    }

    private static List<Integer> days(String prefix, String setting, List<Integer> days) {
        List<Integer> listed = days == null ? List.of() : days;
        listed.forEach(d -> {
            if (d == null || d < 1) {
                throw new IllegalStateException(prefix + setting + " must list days of 1 or more");
            }
        });
        return listed;
    }

    /** What a year asks is written out in each policy, never assumed. */
    private static boolean required(String prefix, String setting, Boolean value) {
        if (value == null) {
            throw new IllegalStateException(prefix + setting + " is required (true or false)");
        }
        return value;
    }

    private static int required(String prefix, String setting, Integer value) {
        if (value == null) {
            throw new IllegalStateException(prefix + setting + " is required");
        }
        return value;
    }

    private static int atLeastZero(String prefix, String setting, int value) {
        if (value < 0) {
            throw new IllegalStateException(prefix + setting + " must be 0 or more, was " + value);
        }
        return value;
    }
}
