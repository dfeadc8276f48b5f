package org.iecmh.endorsement.contracts.association;

import java.math.BigDecimal;
import java.util.List;
import java.util.Set;

/**
 * What the listed categories ask of a portfolio. Closed sets are written as in configuration: {@code degree} of
 * {@link RequirementTerms#DEGREES}, {@code trainingDomains} of {@link RequirementTerms#COMPETENCY_DOMAINS},
 * {@code referenceRelationships} of {@link RequirementTerms#RATER_RELATIONSHIPS}, {@code workActivity} of
 * {@link RequirementTerms#WORK_ACTIVITIES}. Left out: no such requirement (zero hours, no exam), except the
 * supervision window (24 months).
 */
public record RequirementRule(List<String> categories, String degree, Integer workYearsInsteadOfDegree,
                              Integer workYears, Boolean workAfterDegree, Boolean paidWork, BigDecimal trainingHours,
                              Set<String> trainingDomains, BigDecimal supervisionHours,
                              Integer supervisionWindowMonths, Integer references,
                              List<String> referenceRelationships, Boolean exam, Boolean examVignettes,
                              String workActivity, BigDecimal supervisionAboutProvidingHours) {

    public RequirementRule {
        categories = categories == null ? List.of() : List.copyOf(categories);
    }
}
