package org.iecmh.endorsement.application.policy;

import org.iecmh.endorsement.contracts.Category;
import org.iecmh.endorsement.contracts.association.RenewalPolicy;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.time.MonthDay;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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
        TenantPolicies.Tenant some = new TenantPolicies.Tenant("NY", "NY", "America/New_York", List.of("IFA", "IFS"), null,
                new TenantPolicies.Renewal("yearly", "12-31", null, null, null, null), null);
        TenantPolicies.Tenant all = new TenantPolicies.Tenant("NJ", "NJ", "America/New_York", null, null,
                new TenantPolicies.Renewal("yearly", "12-31", null, null, null, null), null);

        assertThat(some.offers(Category.IFS)).isTrue();
        assertThat(some.offers(Category.IMHS)).isFalse();
        assertThat(all.offers(Category.ECMHM_R)).isTrue();
        assertThatThrownBy(() -> new TenantPolicies(Map.of("ny", new TenantPolicies.Tenant("NY", "NY", "America/New_York",
                List.of("IFA", "XYZ"), null, new TenantPolicies.Renewal("yearly", "12-31", null, null, null, null), null))))
                .hasMessage("iecmh.tenants.ny.categories: no category XYZ");
    }

    @Test
    void aPolicyThatCannotBeReadNamesTheSetting() {
        assertThatThrownBy(() -> new TenantPolicies(Map.of("ny", new TenantPolicies.Tenant("NY", "NY", "America/New_York", null, null,
                new TenantPolicies.Renewal("fixed-window", null, 2027, 3, "13-01", "12-31"), null))))
                .hasMessageContaining("iecmh.tenants.ny.renewal.opens");
        assertThatThrownBy(() -> new TenantPolicies(Map.of("ny", new TenantPolicies.Tenant("NY", "NY", "America/New_York", null, null,
                new TenantPolicies.Renewal("monthly", null, null, null, null, null), null))))
                .hasMessageContaining("yearly or fixed-window");
        TenantPolicies.Renewal yearly = new TenantPolicies.Renewal("yearly", "12-31", null, null, null, null);
        assertThatThrownBy(() -> new TenantPolicies(Map.of("ny", new TenantPolicies.Tenant("NY", "New York", "America/New_York", null,
                null, yearly, null))))
                .hasMessage("iecmh.tenants.ny.state must be a two-letter state code");
        assertThatThrownBy(() -> new TenantPolicies(Map.of("ny", new TenantPolicies.Tenant("NY", "NY", "Eastern",
                null, null, yearly, null))))
                .hasMessage("iecmh.tenants.ny.time-zone must name a time zone such as America/New_York, was Eastern");
        assertThatThrownBy(() -> new TenantPolicies(Map.of("ny", new TenantPolicies.Tenant("NY", "NY", "America/New_York", null, null,
                yearly, null))))
                .hasMessage("iecmh.tenants.ny.references.forms must list at least one version of the rating form");
        TenantPolicies.RatingForm twice = new TenantPolicies.RatingForm(1, List.of(
                new TenantPolicies.RatingItem("observation", "Observes"),
                new TenantPolicies.RatingItem("observation", "Observes again")));
        assertThatThrownBy(() -> new TenantPolicies(Map.of("ny", new TenantPolicies.Tenant("NY", "NY", "America/New_York", null, null,
                yearly, new TenantPolicies.References(null, null, null, List.of(twice))))))
                .hasMessage("iecmh.tenants.ny.references.forms[0].items[1].id must be a short lower-case name, "
                        + "once per form");
        TenantPolicies.RatingForm one = new TenantPolicies.RatingForm(1, List.of(
                new TenantPolicies.RatingItem("observation", "Observes")));
        assertThatThrownBy(() -> new TenantPolicies(Map.of("ny", new TenantPolicies.Tenant("NY", "NY", "America/New_York", null, null,
                yearly, new TenantPolicies.References(java.time.Duration.ZERO, null, null, List.of(one))))))
                .hasMessage("iecmh.tenants.ny.references.link-lifetime must be positive, such as P30D");
        TenantPolicies.References defaults = new TenantPolicies.References(null, null, null, List.of(one));
        assertThat(defaults.lifetime()).isEqualTo(java.time.Duration.ofDays(30));
        assertThat(defaults.rules()).isEqualTo(
                new org.iecmh.endorsement.application.references.ReferenceRules(12, 6));
    }
}
