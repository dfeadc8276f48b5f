package org.iecmh.endorsement.renewal.policy;

import org.iecmh.endorsement.contracts.association.RenewalWindow;
import org.iecmh.endorsement.contracts.association.RenewalPolicy;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TenantPoliciesTest {

    private static TenantPolicies.Renewal fixedWindow(LocalDate from, int cycleYears, String opens) {
        return new TenantPolicies.Renewal(from, "fixed-window", null, opens, "12-31", 2027, cycleYears, null, null,
                null, List.of(), List.of(60, 30, 7), 15, null, 12, Set.of("IMHS"), true, true, null, null);
    }

    private static TenantPolicies.Renewal yearly(LocalDate from, int graceDays) {
        return new TenantPolicies.Renewal(from, "yearly", "12-31", "10-01", null, null, null, graceDays, 2500L,
                "USD", List.of(), List.of(30), 15, 3, 0, Set.of(), true, true, 24, false);
    }

    @Test
    void washingtonRenewsEveryThreeYearsFromOctoberFirstToDecemberThirtyFirst() {
        RenewalPolicy wa = new TenantPolicies(Map.of("wa", new TenantPolicies.Tenant("America/New_York", List.of(
                fixedWindow(LocalDate.of(2020, 1, 1), 3, "10-01"))))).policy("wa", LocalDate.of(2027, 12, 31));

        assertThat(wa.windowFor(LocalDate.of(2027, 12, 31))).isEqualTo(new RenewalWindow(LocalDate.of(2027, 10, 1),
                LocalDate.of(2027, 12, 31), LocalDate.of(2027, 12, 31)));
        assertThat(wa.renewedThrough(LocalDate.of(2027, 12, 31))).isEqualTo(LocalDate.of(2030, 12, 31));
        assertThat(wa.renewedThrough(LocalDate.of(2030, 12, 31))).isEqualTo(LocalDate.of(2033, 12, 31));
        assertThat(wa.reminders().beforeClosing()).containsExactly(60, 30, 7);
        assertThat(wa.activity().reflectiveSupervisionHoursFor("IMHS")).isEqualTo(12);
        assertThat(wa.activity().reflectiveSupervisionHoursFor("IFA")).isZero();
    }

    @Test
    void theVersionInForceOnTheDayApplies() {
        TenantPolicies policies = new TenantPolicies(Map.of("ma", new TenantPolicies.Tenant("America/New_York", List.of(
                yearly(LocalDate.of(2028, 1, 1), 60), yearly(LocalDate.of(2020, 1, 1), 30)))));

        assertThat(policies.policy("ma", LocalDate.of(2027, 12, 31)).graceDays()).isEqualTo(30);
        assertThat(policies.policy("ma", LocalDate.of(2027, 12, 31)).activity().deiHours()).isEqualTo(3);
        assertThat(policies.policy("ma", LocalDate.of(2028, 12, 31)).graceDays()).isEqualTo(60);
        assertThat(policies.policy("ma", LocalDate.of(2028, 12, 31)).windowFor(LocalDate.of(2028, 12, 31)))
                .isEqualTo(new RenewalWindow(LocalDate.of(2028, 10, 1), LocalDate.of(2028, 12, 31),
                        LocalDate.of(2029, 3, 1)));
    }

    @Test
    void aPolicyThatCannotBeReadNamesTheSetting() {
        assertThatThrownBy(() -> new TenantPolicies(Map.of("wa", new TenantPolicies.Tenant("America/New_York", List.of(
                fixedWindow(LocalDate.of(2020, 1, 1), 0, "10-01"))))))
                .hasMessageContaining("iecmh.tenants.wa.renewal[0].cycle-years must be at least 1");
        assertThatThrownBy(() -> new TenantPolicies(Map.of("wa", new TenantPolicies.Tenant("America/New_York", List.of(
                fixedWindow(LocalDate.of(2020, 1, 1), 3, "October"))))))
                .hasMessageContaining("iecmh.tenants.wa.renewal[0].opens must be MM-DD");
        assertThatThrownBy(() -> new TenantPolicies(Map.of("ma", new TenantPolicies.Tenant("America/New_York", List.of(
                yearly(LocalDate.of(2020, 1, 1), -1))))))
                .hasMessageContaining("iecmh.tenants.ma.renewal[0].grace-days must be 0 or more");
        assertThatThrownBy(() -> new TenantPolicies(Map.of("ma", new TenantPolicies.Tenant("America/New_York", List.of(
                new TenantPolicies.Renewal(LocalDate.of(2020, 1, 1), "yearly", "12-31", "10-01", null, null, null, 0,
                        0L, "USD", List.of(), List.of(30), 15, 16, 0, Set.of(), true, true, 0, false))))))
                .hasMessageContaining("iecmh.tenants.ma.renewal[0].dei-hours-per-year must not exceed "
                        + "training-hours-per-year");
        assertThatThrownBy(() -> new TenantPolicies(Map.of("ma", new TenantPolicies.Tenant("America/New_York", List.of(
                new TenantPolicies.Renewal(LocalDate.of(2020, 1, 1), "yearly", "12-31", "10-01", null, null, null, 0,
                        0L, "USD", List.of(), List.of(30), 15, -1, 0, Set.of(), true, true, 0, false))))))
                .hasMessageContaining("iecmh.tenants.ma.renewal[0].dei-hours-per-year must be 0 or more");
        assertThatThrownBy(() -> new TenantPolicies(Map.of("ma", new TenantPolicies.Tenant("America/New_York", List.of()))))
                .hasMessageContaining("iecmh.tenants.ma.renewal needs at least one version");
    }

    @Test
    void eachAssociationHasATimeZoneWhereItsDaysBeginAndEnd() {
        TenantPolicies policies = new TenantPolicies(Map.of(
                "ma", new TenantPolicies.Tenant("America/New_York", List.of(yearly(LocalDate.of(2020, 1, 1), 30))),
                "wa", new TenantPolicies.Tenant("America/Los_Angeles", List.of(
                        fixedWindow(LocalDate.of(2020, 1, 1), 3, "10-01")))));
        // 7:30 pm in Boston and 4:30 pm in Seattle on December 31 is already January 1 in UTC.
        java.time.Clock evening = java.time.Clock.fixed(java.time.Instant.parse("2028-01-01T00:30:00Z"),
                java.time.ZoneOffset.UTC);

        assertThat(policies.today("ma", evening)).isEqualTo(LocalDate.of(2027, 12, 31));
        assertThat(policies.today("wa", evening)).isEqualTo(LocalDate.of(2027, 12, 31));
        assertThatThrownBy(() -> new TenantPolicies(Map.of("ma", new TenantPolicies.Tenant("Boston", List.of(
                yearly(LocalDate.of(2020, 1, 1), 30))))))
                .hasMessageContaining("iecmh.tenants.ma.time-zone must be an IANA time zone");
        assertThatThrownBy(() -> new TenantPolicies(Map.of("ma", new TenantPolicies.Tenant(null, List.of(
                yearly(LocalDate.of(2020, 1, 1), 30))))))
                .hasMessageContaining("iecmh.tenants.ma.time-zone is required");
    }

    @Test
    void whatAYearAsksIsWrittenOutAndATransferRealignsToTheReceivingCycle() {
        assertThatThrownBy(() -> new TenantPolicies(Map.of("ma", new TenantPolicies.Tenant("America/New_York", List.of(
                new TenantPolicies.Renewal(LocalDate.of(2020, 1, 1), "yearly", "12-31", "10-01", null, null, null, 0,
                        0L, "USD", List.of(), List.of(30), 15, 0, 0, Set.of(), null, true, 0, false))))))
                .hasMessageContaining("iecmh.tenants.ma.renewal[0].code-of-ethics-per-year is required");
        RenewalPolicy wa = new TenantPolicies(Map.of("wa", new TenantPolicies.Tenant("America/Los_Angeles", List.of(
                fixedWindow(LocalDate.of(2020, 1, 1), 3, "10-01"))))).policy("wa", LocalDate.of(2027, 12, 31));
        RenewalPolicy ma = new TenantPolicies(Map.of("ma", new TenantPolicies.Tenant("America/New_York", List.of(
                yearly(LocalDate.of(2020, 1, 1), 30))))).policy("ma", LocalDate.of(2027, 12, 31));

        assertThat(wa.validThroughOnTransfer(LocalDate.of(2027, 3, 2))).isEqualTo(LocalDate.of(2027, 12, 31));
        assertThat(wa.validThroughOnTransfer(LocalDate.of(2028, 3, 2))).isEqualTo(LocalDate.of(2030, 12, 31));
        assertThat(wa.validThroughOnTransfer(LocalDate.of(2024, 3, 2))).isEqualTo(LocalDate.of(2024, 12, 31));
        assertThat(ma.validThroughOnTransfer(LocalDate.of(2028, 5, 2))).isEqualTo(LocalDate.of(2028, 12, 31));
        assertThat(ma.validThroughOnTransfer(LocalDate.of(2028, 12, 31))).isEqualTo(LocalDate.of(2028, 12, 31));
    }
}
