package org.iecmh.endorsement.application.requirements;

import com.fasterxml.jackson.annotation.JsonCreator;
import org.iecmh.endorsement.application.portfolio.PortfolioEntry;
import org.iecmh.endorsement.application.portfolio.PortfolioEntry.CompetencyDomain;
import org.iecmh.endorsement.application.portfolio.PortfolioEntry.Degree;
import org.iecmh.endorsement.application.portfolio.PortfolioEntry.WorkActivity;

import org.iecmh.endorsement.application.references.RaterRelationship;

import java.math.BigDecimal;
import java.util.List;
import java.util.Set;

/**
 * What one category asks of a portfolio under one version of a policy (docs/architecture.md, Domain rules).
 *
 * @param degree                     the lowest degree that counts, or null when none is needed
 * @param workYearsInsteadOfDegree   years of work that stand in for the degree (Associate: "any degree OR 2 years")
 * @param workYears                  full-time-equivalent years of work with infants, toddlers and their families
 * @param workAfterDegree            whether only work after the qualifying degree counts (post-graduate)
 * @param paidWork                   whether only paid work counts
 * @param trainingHours              hours of relationship-focused training, of any age
 * @param trainingDomains            competency domains that need some training hours
 * @param supervisionHours           hours of reflective supervision from endorsed providers
 * @param supervisionWindowMonths    the months before submission within which those hours count
 * @param references                 reference ratings that must count
 * @param referenceRelationships     relationships some of those raters must have, one reference each (IFS: the
 *                                   current supervisor; IMHS: the supervisor and the RSC provider)
 * @param exam                       whether the category has an exam after portfolio approval
 * @param examVignettes              whether its exam has a second part, vignettes, besides multiple choice
 * @param workActivity               what the counted work must involve, or null for any work with infants, toddlers
 *                                   and families (clinical Mentors: providing RSC; policy and research Mentors:
 *                                   leadership)
 * @param supervisionAboutProvidingHours of the supervision hours, how many must be about the reflective supervision
 *                                   the applicant provides (clinical Mentors: 25 of the 50)
 */
public record CategoryRequirements(Degree degree, Integer workYearsInsteadOfDegree, int workYears,
                                   boolean workAfterDegree, boolean paidWork, BigDecimal trainingHours,
                                   Set<CompetencyDomain> trainingDomains, BigDecimal supervisionHours,
                                   int supervisionWindowMonths, int references,
                                   List<RaterRelationship> referenceRelationships, boolean exam,
                                   boolean examVignettes, WorkActivity workActivity,
                                   BigDecimal supervisionAboutProvidingHours) {

    @JsonCreator
    public CategoryRequirements {
        trainingDomains = PortfolioEntry.inOrder(trainingDomains, CompetencyDomain.class);
        referenceRelationships = referenceRelationships == null ? List.of() : List.copyOf(referenceRelationships);
        supervisionAboutProvidingHours = supervisionAboutProvidingHours == null ? BigDecimal.ZERO
                : supervisionAboutProvidingHours;
    }

    /** Requirements that ask nothing of what the work involved nor of supervision about providing it. */
    public CategoryRequirements(Degree degree, Integer workYearsInsteadOfDegree, int workYears,
                                boolean workAfterDegree, boolean paidWork, BigDecimal trainingHours,
                                Set<CompetencyDomain> trainingDomains, BigDecimal supervisionHours,
                                int supervisionWindowMonths, int references,
                                List<RaterRelationship> referenceRelationships, boolean exam, boolean examVignettes) {
        this(degree, workYearsInsteadOfDegree, workYears, workAfterDegree, paidWork, trainingHours, trainingDomains,
                supervisionHours, supervisionWindowMonths, references, referenceRelationships, exam, examVignettes,
                null, BigDecimal.ZERO);
    }
}
