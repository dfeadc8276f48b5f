package org.iecmh.endorsement.application.requirements;

import org.iecmh.endorsement.application.portfolio.PortfolioEntry.CompetencyDomain;
import org.iecmh.endorsement.application.portfolio.PortfolioEntry.Degree;
import org.iecmh.endorsement.application.portfolio.PortfolioEntry.WorkActivity;
import org.iecmh.endorsement.application.references.RaterRelationship;
import org.iecmh.endorsement.contracts.Category;
import org.iecmh.endorsement.contracts.association.Association;
import org.iecmh.endorsement.contracts.association.RequirementRule;
import org.iecmh.endorsement.contracts.association.RequirementTerms;
import org.iecmh.endorsement.contracts.association.RequirementVersion;
import org.iecmh.endorsement.contracts.association.Versions;
import org.iecmh.endorsement.kit.association.Associations;
import org.springframework.stereotype.Component;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The requirements of every category, as the association's record states them in versions: a version takes effect
 * on its date and restates the categories it changes. An application is judged by the versions in effect on the day
 * it is submitted, and records which version and record that was ({@link JudgedBy}).
 */
@Component
public class RequirementPolicies {

    private final Associations associations;

    public RequirementPolicies(Associations associations) {
        this.associations = associations;
    }

    /** Requirements with the version and record that state them. */
    public record Stated(CategoryRequirements requirements, JudgedBy judgedBy) {
    }

    /** The requirements for a category in a tenant, as they stand on {@code day}. */
    public CategoryRequirements forCategory(String tenant, Category category, LocalDate day) {
        return stated(tenant, category, day).requirements();
    }

    /** The same, with the version and the record sequence that state them. */
    public Stated stated(String tenant, Category category, LocalDate day) {
        Associations.Kept kept = associations.requireKept(tenant);
        return stated(kept.association(), kept.sequence(), category, day);
    }

    /** The requirements {@code association}'s record (of {@code sequence}) states for a category on {@code day}. */
    public static Stated stated(Association association, long sequence, Category category, LocalDate day) {
        RequirementRule found = null;
        LocalDate from = null;
        for (RequirementVersion version : Versions.byDate(association.requirements())) {
            if (version.effectiveFrom().isAfter(day)) {
                break;
            }
            for (RequirementRule rule : version.rules()) {
                if (rule.categories().contains(category.abbreviation())) {
                    found = rule;
                    from = version.effectiveFrom();
                }
            }
        }
        if (found == null) {
            throw new IllegalStateException("Association " + association.code() + " states no requirements for "
                    + category.abbreviation() + " on " + day);
        }
        return new Stated(requirements(found), new JudgedBy(from, sequence));
    }

    /** A rule of the record (checked by {@code AssociationCheck}) in application-service's types. */
    static CategoryRequirements requirements(RequirementRule rule) {
        return new CategoryRequirements(term(Degree.class, rule.degree()), rule.workYearsInsteadOfDegree(),
                orZero(rule.workYears()), Boolean.TRUE.equals(rule.workAfterDegree()),
                Boolean.TRUE.equals(rule.paidWork()), orZero(rule.trainingHours()),
                rule.trainingDomains() == null ? Set.of() : rule.trainingDomains().stream()
                        .map(domain -> term(CompetencyDomain.class, domain)).collect(Collectors.toSet()),
                orZero(rule.supervisionHours()),
                rule.supervisionWindowMonths() == null ? 24 : rule.supervisionWindowMonths(),
                orZero(rule.references()),
                rule.referenceRelationships() == null ? null : rule.referenceRelationships().stream()
                        .map(relationship -> term(RaterRelationship.class, relationship)).toList(),
                Boolean.TRUE.equals(rule.exam()), Boolean.TRUE.equals(rule.examVignettes()),
                term(WorkActivity.class, rule.workActivity()), orZero(rule.supervisionAboutProvidingHours()));
    }

    private static <E extends Enum<E>> E term(Class<E> type, String term) {
        return term == null ? null : Enum.valueOf(type, RequirementTerms.constantName(term));
    }

    private static int orZero(Integer value) {
        return value == null ? 0 : value;
    }

    private static BigDecimal orZero(BigDecimal value) {
        return value == null ? BigDecimal.ZERO : value;
    }
}
