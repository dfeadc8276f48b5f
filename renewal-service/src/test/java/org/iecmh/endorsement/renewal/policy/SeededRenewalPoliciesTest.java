package org.iecmh.endorsement.renewal.policy;

import org.iecmh.endorsement.contracts.association.Association;
import org.iecmh.endorsement.contracts.association.AssociationSeed;
import org.iecmh.endorsement.contracts.association.RenewalPolicy;
import org.iecmh.endorsement.contracts.association.RenewalVersion;
import org.iecmh.endorsement.contracts.association.RenewalWindow;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The renewal policies renewal-service plans with, as the seed's association records state them. */
class SeededRenewalPoliciesTest {

    private static Association seeded(String code) {
        return AssociationSeed.load().stream().filter(a -> a.code().equals(code)).findFirst().orElseThrow();
    }

    @Test
    void washingtonRenewsEveryThreeYearsFromOctoberFirstToDecemberThirtyFirst() {
        RenewalPolicy wa = seeded("wa").renewalPolicy(LocalDate.of(2027, 12, 31));

        assertThat(wa.windowFor(LocalDate.of(2027, 12, 31))).isEqualTo(new RenewalWindow(LocalDate.of(2027, 10, 1),
                LocalDate.of(2027, 12, 31), LocalDate.of(2027, 12, 31)));
        assertThat(wa.renewedThrough(LocalDate.of(2027, 12, 31))).isEqualTo(LocalDate.of(2030, 12, 31));
        assertThat(wa.renewedThrough(LocalDate.of(2030, 12, 31))).isEqualTo(LocalDate.of(2033, 12, 31));
        assertThat(wa.reminders().beforeOpening()).containsExactly(60, 30, 7);
        assertThat(wa.reminders().beforeClosing()).containsExactly(14);
        assertThat(wa.activity().reflectiveSupervisionHoursFor("IMHS")).isEqualTo(12);
        assertThat(wa.activity().reflectiveSupervisionHoursFor("IFA")).isZero();
        assertThat(wa.reinstatementFee()).isTrue();
    }

    @Test
    void theVersionInForceOnTheDayApplies() {
        Association ma = seeded("ma");
        RenewalVersion first = ma.renewal().get(0);
        List<RenewalVersion> versions = new ArrayList<>(ma.renewal());
        versions.add(new RenewalVersion(LocalDate.of(2028, 1, 1), first.model(), first.due(), first.opens(),
                first.closes(), first.anchorYear(), first.cycleYears(), 60, first.reminderDaysBeforeOpening(), first.reminderDaysBeforeClosing(), first.trainingHoursPerYear(),
                3, first.reflectiveSupervisionHoursPerYear(), first.reflectiveSupervisionCategories(),
                first.codeOfEthicsPerYear(), first.membershipPerYear(), first.inactiveMaximumMonths(),
                first.reinstatementFee(), first.auditPercent()));
        Association changed = ma.withRenewal(versions).validated();

        assertThat(changed.renewalPolicy(LocalDate.of(2027, 12, 31)).graceDays()).isEqualTo(30);
        assertThat(changed.renewalPolicy(LocalDate.of(2027, 12, 31)).effectiveFrom())
                .isEqualTo(LocalDate.of(2020, 1, 1));
        assertThat(changed.renewalPolicy(LocalDate.of(2028, 12, 31)).activity().deiHours()).isEqualTo(3);
        assertThat(changed.renewalPolicy(LocalDate.of(2028, 12, 31)).windowFor(LocalDate.of(2028, 12, 31)))
                .isEqualTo(new RenewalWindow(LocalDate.of(2028, 10, 1), LocalDate.of(2028, 12, 31),
                        LocalDate.of(2029, 3, 1)));
    }

    @Test
    void eachAssociationHasATimeZoneWhereItsDaysBeginAndEnd() {
        // 7:30 pm in Boston and 4:30 pm in Seattle on December 31 is already January 1 in UTC.
        Clock evening = Clock.fixed(Instant.parse("2028-01-01T00:30:00Z"), ZoneOffset.UTC);

        assertThat(seeded("ma").today(evening)).isEqualTo(LocalDate.of(2027, 12, 31));
        assertThat(seeded("wa").today(evening)).isEqualTo(LocalDate.of(2027, 12, 31));
    }

    @Test
    void aTransferRealignsToTheReceivingCycle() {
        RenewalPolicy wa = seeded("wa").renewalPolicy(LocalDate.of(2027, 12, 31));
        RenewalPolicy ma = seeded("ma").renewalPolicy(LocalDate.of(2027, 12, 31));

        assertThat(wa.validThroughOnTransfer(LocalDate.of(2027, 3, 2))).isEqualTo(LocalDate.of(2027, 12, 31));
        assertThat(wa.validThroughOnTransfer(LocalDate.of(2028, 3, 2))).isEqualTo(LocalDate.of(2030, 12, 31));
        assertThat(wa.validThroughOnTransfer(LocalDate.of(2024, 3, 2))).isEqualTo(LocalDate.of(2024, 12, 31));
        assertThat(ma.validThroughOnTransfer(LocalDate.of(2028, 5, 2))).isEqualTo(LocalDate.of(2028, 12, 31));
        assertThat(ma.validThroughOnTransfer(LocalDate.of(2028, 12, 31))).isEqualTo(LocalDate.of(2028, 12, 31));
    }
}
