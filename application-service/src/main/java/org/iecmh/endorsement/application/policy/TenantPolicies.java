package org.iecmh.endorsement.application.policy;

import org.iecmh.endorsement.contracts.Category;
import org.iecmh.endorsement.kit.web.UnknownResource;
import org.springframework.boot.context.properties.ConfigurationProperties;

import java.time.MonthDay;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;

/**
 * Each association's policy as configuration ({@code iecmh.tenants.<code>}), checked when the service starts:
 * a tenant with a policy that cannot be read stops the service with a message naming the setting.
 */
@ConfigurationProperties("iecmh")
public record TenantPolicies(Map<String, Tenant> tenants) {

    public TenantPolicies {
        tenants = tenants == null ? Map.of() : Map.copyOf(tenants);
        tenants.forEach((code, tenant) -> {
            tenant.renewalPolicy(code);
            if (tenant.categories() != null) {
                tenant.categories().stream().filter(c -> !Category.isKnown(c)).findFirst().ifPresent(c -> {
                    throw new IllegalStateException("iecmh.tenants." + code + ".categories: no category " + c);
                });
            }
            if (tenant.exam() != null && (tenant.exam().passMark() < 1 || tenant.exam().passMark() > 100)) {
                throw new IllegalStateException("iecmh.tenants." + code + ".exam.pass-percent must be 1 to 100");
            }
            if (tenant.exam() != null && tenant.exam().retakeMonths() < 0) {
                throw new IllegalStateException("iecmh.tenants." + code + ".exam.retake-after-months must be 0 or more");
            }
        });
    }

    /**
     * An association's settings: its name, its state, the categories it offers (all the Alliance's when not listed),
     * its exam and how it renews.
     */
    public record Tenant(String name, String state, List<String> categories, Exam exam, Renewal renewal) {

        public boolean offers(Category category) {
            return categories == null || categories.isEmpty() || categories.contains(category.abbreviation());
        }

        RenewalPolicy renewalPolicy(String code) {
            return TenantPolicies.renewalPolicy(code, renewal);
        }
    }

    /** The exam's pass mark for every part, and how long a candidate who failed waits to sit it again. */
    public record Exam(Integer passPercent, Integer retakeAfterMonths) {
        public int passMark() {
            return passPercent == null ? 80 : passPercent;
        }

        public int retakeMonths() {
            return retakeAfterMonths == null ? 12 : retakeAfterMonths;
        }
    }

    public Exam exam(String code) {
        Exam exam = tenant(code).exam();
        return exam == null ? new Exam(null, null) : exam;
    }

    /** {@code model: yearly} with {@code due}, or {@code model: fixed-window} with the window's settings. */
    public record Renewal(String model, String due, Integer anchorYear, Integer cycleYears, String opens,
                          String closes) {
    }

    public Tenant tenant(String code) {
        Tenant tenant = tenants.get(code);
        if (tenant == null) {
            throw new UnknownResource("association", code);
        }
        return tenant;
    }

    public RenewalPolicy renewalPolicy(String code) {
        return tenant(code).renewalPolicy(code);
    }

    private static MonthDay monthDay(String code, String setting, String value) {
        if (value == null) {
            throw new IllegalStateException("iecmh.tenants." + code + ".renewal." + setting + " is required");
        }
        try {
            return MonthDay.parse("--" + value);
        } catch (DateTimeParseException e) {
            throw new IllegalStateException(
                    "iecmh.tenants." + code + ".renewal." + setting + " must be MM-DD, was " + value, e);
        }
    }

    private static int number(String code, String setting, Integer value) {
        if (value == null) {
            throw new IllegalStateException("iecmh.tenants." + code + ".renewal." + setting + " is required");
        }
        return value;
    }

    static RenewalPolicy renewalPolicy(String code, Renewal renewal) {
        if (renewal == null || renewal.model() == null) {
            throw new IllegalStateException("iecmh.tenants." + code + ".renewal.model is required");
        }
        return switch (renewal.model()) {
            case "yearly" -> new RenewalPolicy.Yearly(monthDay(code, "due", renewal.due()));
            case "fixed-window" -> new RenewalPolicy.FixedWindows(
                    number(code, "anchor-year", renewal.anchorYear()),
                    number(code, "cycle-years", renewal.cycleYears()),
                    monthDay(code, "opens", renewal.opens()),
                    monthDay(code, "closes", renewal.closes()));
            default -> throw new IllegalStateException("iecmh.tenants." + code
                    + ".renewal.model must be yearly or fixed-window, was " + renewal.model());
        };
    }
}
