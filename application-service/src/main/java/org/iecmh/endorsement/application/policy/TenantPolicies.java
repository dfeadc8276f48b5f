package org.iecmh.endorsement.application.policy;

import org.iecmh.endorsement.application.references.ReferenceRules;
import org.iecmh.endorsement.contracts.Category;
import org.iecmh.endorsement.contracts.association.RenewalPolicy;
import org.iecmh.endorsement.kit.web.UnknownResource;
import org.springframework.boot.context.properties.ConfigurationProperties;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.MonthDay;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

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
            try {
                tenant.zone();
            } catch (RuntimeException e) {
                throw new IllegalStateException("iecmh.tenants." + code + ".time-zone must name a time zone such as "
                        + "America/New_York, was " + tenant.timeZone(), e);
            }
            if (tenant.state() == null || !tenant.state().matches("[A-Z]{2}")) {
                throw new IllegalStateException("iecmh.tenants." + code + ".state must be a two-letter state code");
            }
            checkReferences(code, tenant.references());
        });
    }

    /**
     * An association's settings: its name, its state (applicants apply in the state where they live), the categories
     * it offers (all the Alliance's when not listed), its time zone (every "day" is the association's day there),
     * its exam, how it renews and how it collects references.
     */
    public record Tenant(String name, String state, String timeZone, List<String> categories, Exam exam,
                         Renewal renewal, References references) {

        public ZoneId zone() {
            return ZoneId.of(timeZone);
        }

        public boolean offers(Category category) {
            return categories == null || categories.isEmpty() || categories.contains(category.abbreviation());
        }

        /** The states whose residents apply here. */
        public Set<String> states() {
            return Set.of(state);
        }

        RenewalPolicy.Model renewalPolicy(String code) {
            return TenantPolicies.renewalPolicy(code, renewal);
        }
    }

    /**
     * The exam's pass mark for every part, how long a candidate who failed waits to sit it again, and whether the
     * application's own reviewers may also score its exam (not by default: scoring is blind).
     */
    public record Exam(Integer passPercent, Integer retakeAfterMonths, Boolean reviewersMayScore) {

        public boolean ownReviewersMayScore() {
            return Boolean.TRUE.equals(reviewersMayScore);
        }

        public int passMark() {
            return passPercent == null ? 80 : passPercent;
        }

        public int retakeMonths() {
            return retakeAfterMonths == null ? 12 : retakeAfterMonths;
        }
    }

    /**
     * How an association collects references: how long a rater's link works (default 30 days), when a rating counts,
     * and its rating form in versions (a rater answers the latest version at the time they were named).
     */
    public record References(Duration linkLifetime, Integer minimumKnownMonths, Integer notEnoughInformationLimit,
                             List<RatingForm> forms) {

        public Duration lifetime() {
            return linkLifetime == null ? Duration.ofDays(30) : linkLifetime;
        }

        public ReferenceRules rules() {
            return new ReferenceRules(minimumKnownMonths == null ? 12 : minimumKnownMonths,
                    notEnoughInformationLimit == null ? 6 : notEnoughInformationLimit);
        }

        public RatingForm currentForm() {
            return forms.stream().max(Comparator.comparing(RatingForm::version)).orElseThrow();
        }

        public RatingForm form(int version) {
            return forms.stream().filter(form -> form.version() == version).findFirst()
                    .orElseThrow(() -> new IllegalStateException("No rating form version " + version));
        }
    }

    /** One version of the rating form: items the rater answers 1 to 5 or "not enough information". */
    public record RatingForm(Integer version, List<RatingItem> items) {
    }

    public record RatingItem(String id, String text) {
    }

    public References references(String code) {
        return tenant(code).references();
    }

    private static void checkReferences(String code, References references) {
        String at = "iecmh.tenants." + code + ".references";
        if (references == null || references.forms() == null || references.forms().isEmpty()) {
            throw new IllegalStateException(at + ".forms must list at least one version of the rating form");
        }
        if (references.linkLifetime() != null && (references.linkLifetime().isNegative()
                || references.linkLifetime().isZero())) {
            throw new IllegalStateException(at + ".link-lifetime must be positive, such as P30D");
        }
        if (references.minimumKnownMonths() != null && references.minimumKnownMonths() < 0) {
            throw new IllegalStateException(at + ".minimum-known-months must be 0 or more");
        }
        if (references.notEnoughInformationLimit() != null && references.notEnoughInformationLimit() < 1) {
            throw new IllegalStateException(at + ".not-enough-information-limit must be 1 or more");
        }
        Set<Integer> versions = new HashSet<>();
        for (int f = 0; f < references.forms().size(); f++) {
            RatingForm form = references.forms().get(f);
            String formAt = at + ".forms[" + f + "]";
            if (form.version() == null || form.version() < 1 || !versions.add(form.version())) {
                throw new IllegalStateException(formAt + ".version must be a number from 1, once per form");
            }
            if (form.items() == null || form.items().isEmpty()) {
                throw new IllegalStateException(formAt + ".items must list at least one item");
            }
            Set<String> ids = new HashSet<>();
            for (int i = 0; i < form.items().size(); i++) {
                RatingItem item = form.items().get(i);
                if (item.id() == null || !item.id().matches("[a-z][a-z0-9-]{0,39}") || !ids.add(item.id())) {
                    throw new IllegalStateException(formAt + ".items[" + i
                            + "].id must be a short lower-case name, once per form");
                }
                if (item.text() == null || item.text().isBlank()) {
                    throw new IllegalStateException(formAt + ".items[" + i + "].text is required");
                }
            }
        }
    }

    public Exam exam(String code) {
        Exam exam = tenant(code).exam();
        return exam == null ? new Exam(null, null, null) : exam;
    }

    /** Today as the association counts days: the clock's instant in the association's time zone. */
    public LocalDate today(String code, Clock clock) {
        return day(code, clock.instant());
    }

    /** The association's day an instant falls on. */
    public LocalDate day(String code, Instant at) {
        return at.atZone(tenant(code).zone()).toLocalDate();
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

    /** How a newly granted endorsement's valid-through is set (the one renewal model, libs/contracts). */
    public RenewalPolicy.Model renewalPolicy(String code) {
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

    static RenewalPolicy.Model renewalPolicy(String code, Renewal renewal) {
        if (renewal == null || renewal.model() == null) {
            throw new IllegalStateException("iecmh.tenants." + code + ".renewal.model is required");
        }
        return switch (renewal.model()) {
            // Only the valid-through of a grant is asked here, which the window's opening does not change.
            case "yearly" -> new RenewalPolicy.Yearly(monthDay(code, "due", renewal.due()),
                    monthDay(code, "due", renewal.due()));
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
