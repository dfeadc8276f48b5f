package org.iecmh.endorsement.application.requirements;

import org.iecmh.endorsement.application.ApplicationServiceApplication;
import org.iecmh.endorsement.application.references.RaterRelationship;
import org.iecmh.endorsement.contracts.Category;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.env.PropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.io.ClassPathResource;

import java.io.IOException;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The requirements shipped in application-service.yml, read as the service reads them. */
class RequirementPoliciesTest {

    private final RequirementPolicies shipped = load();

    @Test
    void everyCategoryHasItsAllianceRequirements() {
        for (Category category : Category.values()) {
            assertThat(shipped.forCategory("ma", category, LocalDate.of(2026, 1, 1))).isNotNull();
        }
        CategoryRequirements specialist = shipped.forCategory("wa", Category.IMHS, LocalDate.of(2026, 1, 1));
        assertThat(specialist.supervisionHours()).isEqualByComparingTo("50");
        assertThat(specialist.workAfterDegree()).isTrue();
        assertThat(specialist.exam()).isTrue();
        assertThat(specialist.examVignettes()).isTrue();
        assertThat(shipped.forCategory("wa", Category.IMHM_P, LocalDate.of(2026, 1, 1)).examVignettes()).isFalse();
        assertThat(specialist.trainingDomains()).hasSize(8);
        assertThat(specialist.references()).isEqualTo(3);
        assertThat(specialist.referenceRelationships()).containsExactly(RaterRelationship.CURRENT_SUPERVISOR,
                RaterRelationship.RSC_PROVIDER);
        assertThat(shipped.forCategory("ma", Category.ECFS, LocalDate.of(2026, 1, 1)).referenceRelationships())
                .containsExactly(RaterRelationship.CURRENT_SUPERVISOR);
        assertThat(shipped.forCategory("ma", Category.IFA, LocalDate.of(2026, 1, 1)).referenceRelationships())
                .isEmpty();
    }

    @Test
    void aCategoryCannotNeedMoreRelationshipsThanReferences() {
        RequirementPolicies.Rule tooMany = new RequirementPolicies.Rule(List.of("IFA"), null, null, null, null, null,
                BigDecimal.ONE, null, null, null, 1, List.of(RaterRelationship.CURRENT_SUPERVISOR,
                RaterRelationship.OTHER), null, null, null, null);
        assertThatThrownBy(() -> new RequirementPolicies(List.of(
                new RequirementPolicies.Version(LocalDate.of(2000, 1, 1), null, List.of(tooMany)))))
                .hasMessage("iecmh.requirements[0].rules[0].reference-relationships names more raters than "
                        + "references asks for");
    }

    @Test
    void aRuleThatChangesOnADateAppliesToApplicationsSubmittedFromThatDate() {
        assertThat(shipped.forCategory("ma", Category.IMHM_C, LocalDate.of(2023, 12, 31)).trainingHours())
                .isEqualByComparingTo(BigDecimal.valueOf(33));
        assertThat(shipped.forCategory("ma", Category.IMHM_C, LocalDate.of(2024, 1, 1)).trainingHours())
                .isEqualByComparingTo(BigDecimal.valueOf(48));
        assertThat(shipped.forCategory("ma", Category.IMHM_P, LocalDate.of(2024, 1, 1)).trainingHours())
                .isEqualByComparingTo(BigDecimal.valueOf(33));
    }

    @Test
    void anAssociationsOwnVersionAppliesToItAlone() {
        RequirementPolicies.Version alliance = shipped.requirements().get(0);
        RequirementPolicies.Rule noDegree = new RequirementPolicies.Rule(List.of("IFS"), null, null, 2, false, true,
                BigDecimal.valueOf(30), null, BigDecimal.valueOf(24), 24, 3, null, false, null, null, null);
        RequirementPolicies policies = new RequirementPolicies(List.of(alliance,
                new RequirementPolicies.Version(LocalDate.of(2025, 1, 1), "wa", List.of(noDegree))));

        assertThat(policies.forCategory("wa", Category.IFS, LocalDate.of(2026, 1, 1)).degree()).isNull();
        assertThat(policies.forCategory("ma", Category.IFS, LocalDate.of(2026, 1, 1)).degree()).isNotNull();
        assertThat(policies.forCategory("wa", Category.IFS, LocalDate.of(2024, 1, 1)).degree()).isNotNull();
    }

    @Test
    void aPolicyThatCannotBeReadNamesTheSetting() {
        RequirementPolicies.Rule unknown = new RequirementPolicies.Rule(List.of("XYZ"), null, null, null, null, null,
                BigDecimal.ONE, null, null, null, null, null, null, null, null, null);
        assertThatThrownBy(() -> new RequirementPolicies(List.of(
                new RequirementPolicies.Version(LocalDate.of(2000, 1, 1), null, List.of(unknown)))))
                .hasMessage("iecmh.requirements[0].rules[0].categories: no category XYZ");
        RequirementPolicies.Rule onlyIfa = new RequirementPolicies.Rule(List.of("IFA"), null, null, null, null, null,
                BigDecimal.ONE, null, null, null, null, null, null, null, null, null);
        assertThatThrownBy(() -> new RequirementPolicies(List.of(
                new RequirementPolicies.Version(LocalDate.of(2000, 1, 1), null, List.of(onlyIfa)))))
                .hasMessageContaining("must state the requirements of ECFA");
    }

    static RequirementPolicies load() {
        try {
            List<PropertySource<?>> sources = new YamlPropertySourceLoader().load("shipped",
                    new ClassPathResource(ApplicationServiceApplication.NAME + ".yml"));
            StandardEnvironment environment = new StandardEnvironment();
            sources.forEach(environment.getPropertySources()::addLast);
            return Binder.get(environment).bind("iecmh", RequirementPolicies.class).get();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
