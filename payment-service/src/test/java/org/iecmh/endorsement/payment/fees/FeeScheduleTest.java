package org.iecmh.endorsement.payment.fees;

import org.iecmh.endorsement.contracts.Category;
import org.iecmh.endorsement.contracts.Money;
import org.iecmh.endorsement.contracts.association.Association;
import org.iecmh.endorsement.contracts.association.AssociationSeed;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** An association record's fee schedule version, read into payment-service's words. */
class FeeScheduleTest {

    private static final LocalDate DAY = LocalDate.parse("2026-06-01");

    private static FeeSchedule seeded(String code, long sequence) {
        Association association = AssociationSeed.load().stream().filter(a -> a.code().equals(code)).findFirst()
                .orElseThrow();
        return FeeSchedule.of(association.feesOn(DAY), sequence);
    }

    @Test
    void washingtonChargesItsOwnPublishedRegistrationAndMembershipNotMassachusetts() {
        FeeSchedule washington = seeded("wa", 1);

        for (Category category : List.of(Category.IFA, Category.IFS, Category.IMHS, Category.IMHM_C)) {
            assertThat(washington.forSubmission(category).get(0).amount()).isEqualTo(Money.of(2_500, "USD"));
        }
        assertThat(washington.flatFee(FeeKind.MEMBERSHIP_DUES))
                .hasValueSatisfying(fee -> assertThat(fee.amount()).isEqualTo(Money.of(8_000, "USD")));
        assertThat(seeded("ma", 1).forSubmission(Category.IFA).get(0).amount()).isEqualTo(Money.of(1_500, "USD"));
    }

    @Test
    void aFlatFeeExistsOnlyWhereTheAssociationChargesIt() {
        assertThat(seeded("ma", 1).flatFee(FeeKind.REINSTATEMENT)).isEmpty();
        assertThat(seeded("wa", 1).flatFee(FeeKind.REINSTATEMENT))
                .hasValueSatisfying(fee -> assertThat(fee.amount()).isEqualTo(Money.of(10_000, "USD")));
    }

    @Test
    void theRefundRulesAreReadIntoFeeKindsPerReason() {
        FeeSchedule schedule = FeeSchedule.of(new org.iecmh.endorsement.contracts.association.FeeSchedule(
                LocalDate.parse("2027-01-01"), "USD", 14, Map.of(1, 1L, 2, 1L, 3, 1L, 4, 1L),
                Map.of(1, 1L, 2, 1L, 3, 1L, 4, 1L), 8_000L, null, null, null,
                Map.of("wrong-category", Set.of("processing", "membership-dues"), "duplicate-payment", Set.of())), 4);

        assertThat(schedule.notRefundedFor(RefundReason.WRONG_CATEGORY))
                .containsExactlyInAnyOrder(FeeKind.PROCESSING, FeeKind.MEMBERSHIP_DUES);
        assertThat(schedule.notRefundedFor(RefundReason.WITHDRAWN)).isEmpty();
        assertThat(schedule.dueDays()).isEqualTo(14);
    }

    @Test
    void anInvoiceRecordsTheVersionAndTheRecordThatPricedIt() {
        assertThat(seeded("ma", 7).pricedBy()).isEqualTo(new PricedBy(LocalDate.parse("2024-01-01"), 7));
    }
}
