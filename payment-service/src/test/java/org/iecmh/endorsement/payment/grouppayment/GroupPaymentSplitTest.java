package org.iecmh.endorsement.payment.grouppayment;

import org.iecmh.endorsement.contracts.Money;
import org.iecmh.endorsement.kit.web.DomainRuleViolation;
import org.iecmh.endorsement.payment.grouppayment.GroupPaymentSplit.Owed;
import org.iecmh.endorsement.payment.grouppayment.GroupPaymentSplit.Share;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class GroupPaymentSplitTest {

    private static Owed owes(String id, long cents) {
        return new Owed(id, Money.of(cents, "USD"));
    }

    @Test
    void aPaymentOfEverythingOwedPaysEachInvoiceExactly() {
        assertThat(GroupPaymentSplit.split(Money.of(55_000, "USD"),
                List.of(owes("a", 32_500), owes("b", 12_000), owes("c", 10_500))))
                .extracting(share -> share.amount().cents()).containsExactly(32_500L, 12_000L, 10_500L);
    }

    @Test
    void oneDollarOverThreeInvoicesGivesTheLeftoverCentToTheFirst() {
        assertThat(GroupPaymentSplit.split(Money.of(100, "USD"),
                List.of(owes("a", 1_000), owes("b", 1_000), owes("c", 1_000))))
                .extracting(share -> share.amount().cents()).containsExactly(34L, 33L, 33L);
    }

    @Test
    void noSplitEverLosesOrInventsACentOrPaysAnInvoiceMoreThanItOwes() {
        Random random = new Random(20261122L);
        for (int run = 0; run < 5_000; run++) {
            List<Owed> owed = new ArrayList<>();
            long total = 0;
            int count = 1 + random.nextInt(12);
            for (int i = 0; i < count; i++) {
                long cents = 1 + random.nextInt(random.nextBoolean() ? 100 : 5_000_000);
                owed.add(owes("inv-" + i, cents));
                total += cents;
            }
            long payment = 1 + random.nextLong(total);
            payment = Math.min(payment, total);

            List<Share> shares = GroupPaymentSplit.split(Money.of(payment, "USD"), owed);

            assertThat(shares.stream().mapToLong(share -> share.amount().cents()).sum())
                    .as("run %d: %d cents over %s", run, payment, owed).isEqualTo(payment);
            for (int i = 0; i < count; i++) {
                assertThat(shares.get(i).invoiceId()).isEqualTo(owed.get(i).invoiceId());
                assertThat(shares.get(i).amount().cents()).isBetween(0L, owed.get(i).outstanding().cents());
            }
        }
    }

    @Test
    void hugeAmountsDoNotOverflow() {
        long big = 4_000_000_000_000_000L;
        assertThat(GroupPaymentSplit.split(Money.of(big - 1, "USD"), List.of(owes("a", big / 2), owes("b", big / 2))))
                .extracting(share -> share.amount().cents()).containsExactly(big / 2, big / 2 - 1);
    }

    @Test
    void aGroupPaymentNeverExceedsWhatTheInvoicesOweTogetherNorMixesCurrencies() {
        assertThatThrownBy(() -> GroupPaymentSplit.split(Money.of(2_001, "USD"),
                List.of(owes("a", 1_000), owes("b", 1_000))))
                .isInstanceOfSatisfying(DomainRuleViolation.class,
                        violation -> assertThat(violation.rule()).isEqualTo("overpayment"));
        assertThatThrownBy(() -> GroupPaymentSplit.split(Money.of(100, "USD"),
                List.of(owes("a", 1_000), new Owed("b", Money.of(1_000, "CAD")))))
                .isInstanceOfSatisfying(DomainRuleViolation.class,
                        violation -> assertThat(violation.rule()).isEqualTo("payment-currency"));
    }
}
