package org.iecmh.endorsement.application.policy;

import org.iecmh.endorsement.contracts.Category;
import org.iecmh.endorsement.application.references.ReferenceRules;
import org.iecmh.endorsement.contracts.association.Association;
import org.iecmh.endorsement.contracts.association.AssociationSeed;
import org.iecmh.endorsement.contracts.association.References;
import org.iecmh.endorsement.contracts.association.RenewalPolicy;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.time.MonthDay;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class RenewalPolicyTest {

    private final RenewalPolicy.Model washington = new RenewalPolicy.FixedWindows(2027, 3,
            MonthDay.of(10, 1), MonthDay.of(12, 31));
    private final RenewalPolicy.Model massachusetts = new RenewalPolicy.Yearly(MonthDay.of(12, 31),
            MonthDay.of(10, 1));

    @Test
    void aFixedWindowEndorsementIsValidThroughTheCloseOfTheNextWindow() {
        assertThat(washington.validThrough(LocalDate.of(2026, 11, 22))).isEqualTo(LocalDate.of(2027, 12, 31));
        assertThat(washington.validThrough(LocalDate.of(2027, 9, 30))).isEqualTo(LocalDate.of(2027, 12, 31));
    }

    @Test
    void anEndorsementGrantedOnceTheWindowOpenedRenewsInTheFollowingWindow() {
        assertThat(washington.validThrough(LocalDate.of(2027, 10, 1))).isEqualTo(LocalDate.of(2030, 12, 31));
        assertThat(washington.validThrough(LocalDate.of(2028, 3, 15))).isEqualTo(LocalDate.of(2030, 12, 31));
        assertThat(washington.validThrough(LocalDate.of(2020, 1, 1))).isEqualTo(LocalDate.of(2027, 12, 31));
    }

    @Test
    void aYearlyEndorsementRunsAtLeastAYearToTheDueDate() {
        assertThat(massachusetts.validThrough(LocalDate.of(2026, 11, 22))).isEqualTo(LocalDate.of(2027, 12, 31));
        assertThat(massachusetts.validThrough(LocalDate.of(2026, 1, 2))).isEqualTo(LocalDate.of(2027, 12, 31));
        assertThat(massachusetts.validThrough(LocalDate.of(2025, 12, 31))).isEqualTo(LocalDate.of(2026, 12, 31));
    }

    @Test
    void anAssociationOffersTheCategoriesItListsOrAllOfThem() {
        Association ma = AssociationSeed.load().get(0);
        Association some = new Association("ny", "New York", "NY", "America/New_York", ma.languages(), null, null,
                null, List.of(), List.of("IFA", "IFS"), ma.badgeIssuer(), ma.exam(), ma.references(), ma.membership(),
                ma.requirements(), ma.fees(), ma.renewal());

        assertThat(some.offers(Category.IFS)).isTrue();
        assertThat(some.offers(Category.IMHS)).isFalse();
        assertThat(ma.offers(Category.ECMHM_R)).isTrue();
    }

    @Test
    void theReferenceRulesDefaultToAYearAndSixItems() {
        References defaults = new References(null, null, null, AssociationSeed.load().get(0).references().forms());

        assertThat(defaults.lifetime()).isEqualTo(java.time.Duration.ofDays(30));
        assertThat(ReferenceRules.of(defaults)).isEqualTo(new ReferenceRules(12, 6));
    }
}
