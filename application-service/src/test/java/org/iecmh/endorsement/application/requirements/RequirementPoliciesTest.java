package org.iecmh.endorsement.application.requirements;

import org.iecmh.endorsement.application.portfolio.PortfolioEntry.CompetencyDomain;
import org.iecmh.endorsement.application.portfolio.PortfolioEntry.Degree;
import org.iecmh.endorsement.application.portfolio.PortfolioEntry.WorkActivity;
import org.iecmh.endorsement.application.references.RaterRelationship;
import org.iecmh.endorsement.contracts.Category;
import org.iecmh.endorsement.contracts.association.Association;
import org.iecmh.endorsement.contracts.association.AssociationSeed;
import org.iecmh.endorsement.contracts.association.RequirementRule;
import org.iecmh.endorsement.contracts.association.RequirementVersion;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** The requirements of the seed's association records, read into application-service's types. */
class RequirementPoliciesTest {

    /** The requirements as the seed states them for {@code ma} and {@code wa}. */
    static final class Seeded {
        private final List<Association> seed = AssociationSeed.load();

        CategoryRequirements forCategory(String tenant, Category category, LocalDate day) {
            return RequirementPolicies.stated(association(tenant), 1, category, day).requirements();
        }

        Association association(String tenant) {
            return seed.stream().filter(a -> a.code().equals(tenant)).findFirst().orElseThrow();
        }
    }

    private final Seeded shipped = new Seeded();

    @Test
    void everyCategoryHasItsAllianceRequirements() {
        for (Category category : Category.values()) {
            assertThat(shipped.forCategory("ma", category, LocalDate.of(2026, 1, 1))).isNotNull();
        }
        CategoryRequirements specialist = shipped.forCategory("wa", Category.IMHS, LocalDate.of(2026, 1, 1));
        assertThat(specialist.supervisionHours()).isEqualByComparingTo("50");
        assertThat(specialist.workAfterDegree()).isTrue();
        assertThat(specialist.degree()).isEqualTo(Degree.MASTER);
        assertThat(specialist.exam()).isTrue();
        assertThat(specialist.examVignettes()).isTrue();
        assertThat(shipped.forCategory("wa", Category.IMHM_P, LocalDate.of(2026, 1, 1)).examVignettes()).isFalse();
        assertThat(shipped.forCategory("wa", Category.IMHM_P, LocalDate.of(2026, 1, 1)).workActivity())
                .isEqualTo(WorkActivity.LEADERSHIP);
        assertThat(specialist.trainingDomains()).hasSize(8).contains(CompetencyDomain.LAW_REGULATION_AND_AGENCY_POLICY);
        assertThat(specialist.references()).isEqualTo(3);
        assertThat(specialist.referenceRelationships()).containsExactly(RaterRelationship.CURRENT_SUPERVISOR,
                RaterRelationship.RSC_PROVIDER);
        assertThat(shipped.forCategory("ma", Category.ECFS, LocalDate.of(2026, 1, 1)).referenceRelationships())
                .containsExactly(RaterRelationship.CURRENT_SUPERVISOR);
        assertThat(shipped.forCategory("ma", Category.IFA, LocalDate.of(2026, 1, 1)).referenceRelationships())
                .isEmpty();
    }

    @Test
    void aRuleThatChangesOnADateAppliesToApplicationsSubmittedFromThatDateAndNamesItsVersion() {
        assertThat(shipped.forCategory("ma", Category.IMHM_C, LocalDate.of(2023, 12, 31)).trainingHours())
                .isEqualByComparingTo(BigDecimal.valueOf(33));
        assertThat(shipped.forCategory("ma", Category.IMHM_C, LocalDate.of(2024, 1, 1)).trainingHours())
                .isEqualByComparingTo(BigDecimal.valueOf(48));
        assertThat(shipped.forCategory("ma", Category.IMHM_P, LocalDate.of(2024, 1, 1)).trainingHours())
                .isEqualByComparingTo(BigDecimal.valueOf(33));

        Association ma = shipped.association("ma");
        assertThat(RequirementPolicies.stated(ma, 9, Category.IMHM_C, LocalDate.of(2024, 1, 1)).judgedBy())
                .isEqualTo(new JudgedBy(LocalDate.of(2024, 1, 1), 9));
        assertThat(RequirementPolicies.stated(ma, 9, Category.IMHM_P, LocalDate.of(2024, 1, 1)).judgedBy())
                .isEqualTo(new JudgedBy(LocalDate.of(2000, 1, 1), 9));
    }

    @Test
    void anAssociationsOwnVersionAppliesToItAlone() {
        Association wa = shipped.association("wa");
        List<RequirementVersion> versions = new ArrayList<>(wa.requirements());
        versions.add(new RequirementVersion(LocalDate.of(2025, 1, 1), List.of(new RequirementRule(List.of("IFS"),
                null, null, 2, false, true, BigDecimal.valueOf(30), Set.of("reflection"), BigDecimal.valueOf(24), 24,
                3, null, false, null, null, null))));
        Association noDegree = wa.withRequirements(versions).validated();

        assertThat(RequirementPolicies.stated(noDegree, 2, Category.IFS, LocalDate.of(2026, 1, 1)).requirements()
                .degree()).isNull();
        assertThat(RequirementPolicies.stated(noDegree, 2, Category.IFS, LocalDate.of(2024, 1, 1)).requirements()
                .degree()).isEqualTo(Degree.BACHELOR);
        assertThat(shipped.forCategory("ma", Category.IFS, LocalDate.of(2026, 1, 1)).degree())
                .isEqualTo(Degree.BACHELOR);
    }
}
