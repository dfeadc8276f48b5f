package org.iecmh.endorsement.kit.web;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class VisibilityTest {

    private static Actor actor(String tenant, String subject, Role role) {
        return new Actor(tenant, subject, role, "request-1");
    }

    @Test
    void theAssociationsStaffSeeEveryRecordItHoldsAndNoneOfAnotherAssociation() {
        for (Role staff : new Role[] {Role.COORDINATOR, Role.AUDITOR, Role.TENANT_ADMIN, Role.PLATFORM_ADMIN}) {
            assertThat(Visibility.staffOrOwner(actor("ma", "staff-1", staff), "ma", "person-1")).isTrue();
            assertThat(Visibility.staffOrOwner(actor("wa", "staff-1", staff), "ma", "person-1")).isFalse();
        }
    }

    @Test
    void aPersonSeesTheirOwnRecordWhereverItIsHeldAndNobodyElses() {
        assertThat(Visibility.staffOrOwner(actor("ma", "person-1", Role.APPLICANT), "ma", "person-1")).isTrue();
        assertThat(Visibility.staffOrOwner(actor("ma", "person-1", Role.ENDORSEE), "wa", "person-1")).isTrue();
        assertThat(Visibility.staffOrOwner(actor("ma", "person-2", Role.APPLICANT), "ma", "person-1")).isFalse();
    }

    @Test
    void reviewersAndRatersAreNotStaff() {
        assertThat(Visibility.staffOrOwner(actor("ma", "reviewer-1", Role.REVIEWER), "ma", "person-1")).isFalse();
        assertThat(Visibility.staffOrOwner(actor("ma", "reference:r-1", Role.REFERENCE_RATER), "ma", "person-1"))
                .isFalse();
    }

    @Test
    void rolesAreReadByTheNamesTokensCarryAndNoOther() {
        assertThat(Role.named("COORDINATOR")).contains(Role.COORDINATOR);
        assertThat(Role.named("coordinator")).isEmpty();
        assertThat(Role.named("SYSTEM")).isEmpty();
        assertThat(Role.named(null)).isEmpty();
        assertThat(Role.APPLICANT.is("APPLICANT")).isTrue();
        assertThat(Role.APPLICANT.is(null)).isFalse();
    }
}
