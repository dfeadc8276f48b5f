package org.iecmh.endorsement.payment.accounts;

import org.iecmh.endorsement.payment.PaymentServiceTestBase;
import org.iecmh.endorsement.testkit.ApiClient;
import org.iecmh.endorsement.testkit.ApiClient.Response;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The association's accounts. */
class AccountsServiceTest extends PaymentServiceTestBase {

    @Test
    void theAccountsShowOpenPaidRefundedAndVoidInvoicesAndTheOverdueOnesOnceTheirDayHasPassed() {
        String open = issue("ty", "ty-1", 1_000);
        String paid = issue("ty", "ty-2", 2_000);
        String refunded = issue("ty", "ty-3", 3_000);
        String voided = issue("ty", "ty-4", 4_000);
        ApiClient coordinator = coordinator("ty");
        pay(coordinator, paid, 2_000);
        pay(coordinator, refunded, 3_000);
        coordinator.post("/api/payments/invoices/" + refunded + "/refunds", Map.of("amountCents", 3_000,
                "currency", "USD", "reason", "WITHDRAWN"), Map.of("Idempotency-Key", "ty-r"));
        coordinator.post("/api/payments/invoices/" + voided + "/voiding", Map.of("reason", "Duplicate"));

        Response today = coordinator.get("/api/payments/accounts");
        assertThat(today.status()).as(today.text()).isEqualTo(200);
        assertThat(totals(today)).containsExactly("OPEN 1 1000 outstanding 1000", "PAID 1 2000 outstanding 0",
                "REFUNDED 1 3000 outstanding 0", "VOID 1 4000 outstanding 0");
        assertThat(today.at("/totals/2/refunded/cents")).isEqualTo("3000");
        try {
            clock.set(NOW.plus(Duration.ofDays(15)));
            Response later = ApiClient.onPort(port).as("ty", "auditor-1", "AUDITOR").get("/api/payments/accounts");
            assertThat(totals(later)).containsExactly("OVERDUE 1 1000 outstanding 1000",
                    "PAID 1 2000 outstanding 0", "REFUNDED 1 3000 outstanding 0", "VOID 1 4000 outstanding 0");
            assertThat(coordinator.get("/api/payments/accounts/invoices?standing=OVERDUE").body()
                    .findValuesAsText("invoiceId")).containsExactly(open);
        } finally {
            clock.set(NOW);
        }
        assertThat(coordinator.get("/api/payments/accounts/invoices?standing=OVERDUE").body()).isEmpty();
        assertThat(ApiClient.onPort(port).as("ty", "ty-1", "APPLICANT").get("/api/payments/accounts").status())
                .isEqualTo(403);
    }
}
