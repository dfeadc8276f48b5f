package org.iecmh.endorsement.application.requirements;

import org.iecmh.endorsement.application.portfolio.PortfolioEntry.CompetencyDomain;
import org.iecmh.endorsement.application.portfolio.PortfolioEntry.Degree;
import org.iecmh.endorsement.application.portfolio.PortfolioEntry.WorkActivity;
import org.iecmh.endorsement.contracts.Category;
import org.iecmh.endorsement.application.references.RaterRelationship;
import org.springframework.boot.context.properties.ConfigurationProperties;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Comparator;
import java.util.List;
import java.util.Set;

/**
 * The requirements of every category as versioned data ({@code iecmh.requirements}). A version takes effect on its
 * date and restates the categories it changes; a version with a {@code tenant} applies to that association only.
 * An application is judged by the versions in effect on the day it is submitted. Checked when the service starts:
 * a setting that cannot be read stops it with a message naming the setting.
 */
@ConfigurationProperties("iecmh")
public record RequirementPolicies(List<Version> requirements) {

    public record Version(LocalDate effectiveFrom, String tenant, List<Rule> rules) {
    }

    /** The requirements of the listed categories; see {@link CategoryRequirements} for each setting. */
    public record Rule(List<String> categories, Degree degree, Integer workYearsInsteadOfDegree, Integer workYears,
                       Boolean workAfterDegree, Boolean paidWork, BigDecimal trainingHours,
                       Set<CompetencyDomain> trainingDomains, BigDecimal supervisionHours,
                       Integer supervisionWindowMonths, Integer references,
                       List<RaterRelationship> referenceRelationships, Boolean exam, Boolean examVignettes,
                       WorkActivity workActivity, BigDecimal supervisionAboutProvidingHours) {

        CategoryRequirements requirements() {
            return new CategoryRequirements(degree, workYearsInsteadOfDegree, orZero(workYears),
                    Boolean.TRUE.equals(workAfterDegree), Boolean.TRUE.equals(paidWork), orZero(trainingHours),
                    trainingDomains == null ? Set.of() : trainingDomains, orZero(supervisionHours),
                    supervisionWindowMonths == null ? 24 : supervisionWindowMonths, orZero(references),
                    referenceRelationships, Boolean.TRUE.equals(exam), Boolean.TRUE.equals(examVignettes),
                    workActivity, orZero(supervisionAboutProvidingHours));
        }
    }

    public RequirementPolicies {
        requirements = requirements == null ? List.of() : List.copyOf(requirements);
        check(requirements);
    }

    /** The requirements for a category in a tenant, as they stand on {@code day}. */
    public CategoryRequirements forCategory(String tenant, Category category, LocalDate day) {
        CategoryRequirements found = null;
        for (Version version : inEffect(tenant, day)) {
            for (Rule rule : version.rules()) {
                if (rule.categories().contains(category.abbreviation())) {
                    found = rule.requirements();
                }
            }
        }
        if (found == null) {
            throw new IllegalStateException("No requirements for " + category.abbreviation() + " in " + tenant
                    + " on " + day + ": set iecmh.requirements");
        }
        return found;
    }

    private List<Version> inEffect(String tenant, LocalDate day) {
        return requirements.stream()
                .filter(v -> !v.effectiveFrom().isAfter(day) && (v.tenant() == null || v.tenant().equals(tenant)))
                .sorted(Comparator.comparing(Version::effectiveFrom)
                        .thenComparing(v -> v.tenant() == null ? 0 : 1))
                .toList();
    }

    private static void check(List<Version> versions) {
        for (int v = 0; v < versions.size(); v++) {
            Version version = versions.get(v);
            String at = "iecmh.requirements[" + v + "]";
            if (version.effectiveFrom() == null) {
                throw new IllegalStateException(at + ".effective-from is required (YYYY-MM-DD)");
            }
            if (version.rules() == null || version.rules().isEmpty()) {
                throw new IllegalStateException(at + ".rules must list at least one rule");
            }
            for (int r = 0; r < version.rules().size(); r++) {
                checkRule(version.rules().get(r), at + ".rules[" + r + "]");
            }
        }
        LocalDate earliest = versions.stream().filter(v -> v.tenant() == null).map(Version::effectiveFrom)
                .min(Comparator.naturalOrder()).orElse(null);
        for (Category category : Category.values()) {
            boolean covered = earliest != null && versions.stream()
                    .filter(v -> v.tenant() == null && v.effectiveFrom().equals(earliest))
                    .flatMap(v -> v.rules().stream())
                    .anyMatch(rule -> rule.categories().contains(category.abbreviation()));
            if (!covered) {
                throw new IllegalStateException("iecmh.requirements: the earliest version for all associations "
                        + "must state the requirements of " + category.abbreviation());
            }
        }
    }

    private static void checkRule(Rule rule, String at) {
        if (rule.categories() == null || rule.categories().isEmpty()) {
            throw new IllegalStateException(at + ".categories must name at least one category");
        }
        for (String category : rule.categories()) {
            if (!Category.isKnown(category)) {
                throw new IllegalStateException(at + ".categories: no category " + category);
            }
        }
        if (rule.trainingHours() == null || rule.trainingHours().signum() < 0) {
            throw new IllegalStateException(at + ".training-hours must be zero or more");
        }
        if (rule.supervisionHours() != null && rule.supervisionHours().signum() < 0) {
            throw new IllegalStateException(at + ".supervision-hours must be zero or more");
        }
        if (rule.supervisionAboutProvidingHours() != null && (rule.supervisionAboutProvidingHours().signum() < 0
                || rule.supervisionAboutProvidingHours().compareTo(orZero(rule.supervisionHours())) > 0)) {
            throw new IllegalStateException(at + ".supervision-about-providing-hours must be from zero to "
                    + "supervision-hours");
        }
        if (rule.references() != null && rule.references() < 0) {
            throw new IllegalStateException(at + ".references must be zero or more");
        }
        if (rule.referenceRelationships() != null
                && rule.referenceRelationships().size() > (rule.references() == null ? 0 : rule.references())) {
            throw new IllegalStateException(at + ".reference-relationships names more raters than references asks for");
        }
        if (rule.supervisionWindowMonths() != null && rule.supervisionWindowMonths() < 1) {
            throw new IllegalStateException(at + ".supervision-window-months must be at least 1");
        }
    }

    private static int orZero(Integer value) {
        return value == null ? 0 : value;
    }

    private static BigDecimal orZero(BigDecimal value) {
        return value == null ? BigDecimal.ZERO : value;
    }
}
