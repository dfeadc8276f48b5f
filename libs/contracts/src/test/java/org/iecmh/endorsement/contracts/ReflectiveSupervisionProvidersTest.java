package org.iecmh.endorsement.contracts;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class ReflectiveSupervisionProvidersTest {

    @Test
    void mentalHealthSpecialistsClinicalMentorsAndEndorsedReflectiveSupervisorsProvideRsc() {
        assertThat(ReflectiveSupervisionProviders.categoryAbbreviations())
                .containsExactly("IMHS", "ECMHS", "IMHM-C", "ECMHM-C");
        assertThat(ReflectiveSupervisionProviders.provides("IMHM-C")).isTrue();
        assertThat(ReflectiveSupervisionProviders.provides("IMHM-P")).isFalse();
        assertThat(ReflectiveSupervisionProviders.provides("IFS")).isFalse();
        assertThat(ReflectiveSupervisionProviders.provides("XYZ")).isFalse();
        assertThat(ReflectiveSupervisionProviders.provides(Category.IFS,
                List.of(AddOn.ENDORSED_REFLECTIVE_SUPERVISOR))).isTrue();
        assertThat(ReflectiveSupervisionProviders.provides(Category.IMHM_R, Set.of())).isFalse();
        assertThat(AddOn.fromAbbreviation("ERS")).isEqualTo(AddOn.ENDORSED_REFLECTIVE_SUPERVISOR);
    }
}
