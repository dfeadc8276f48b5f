package org.iecmh.endorsement.payment.grouppayment;

import org.iecmh.endorsement.contracts.InvoiceIssued;
import org.iecmh.endorsement.payment.PaymentServiceTestBase;
import org.iecmh.endorsement.testkit.ApiClient;
import org.iecmh.endorsement.testkit.ApiClient.Response;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** One payment shared over several invoices. */
class GroupPaymentServiceTest extends PaymentServiceTestBase {

    @Test
    void anAgencysOnePaymentIsSharedOverItsStaffsInvoicesWithoutLosingACentAndRecordedOnce() {
        List<String> invoices = List.of(issue("ma", "staff-1", 32_500), issue("ma", "staff-2", 12_000),
                issue("ma", "staff-3", 4_001));
        ApiClient coordinator = coordinator("ma");
        String key = "agency-" + UUID.randomUUID();
        Map<String, Object> request = Map.of("payer", "Little Steps Early Learning", "amountCents", 10_001,
                "currency", "USD", "method", "BANK_TRANSFER", "reference", "transfer 88-1",
                "invoiceIds", invoices);

        Response paid = coordinator.post("/api/payments/group-payments", request, Map.of("Idempotency-Key", key));
        Response retried = coordinator.post("/api/payments/group-payments", request, Map.of("Idempotency-Key", key));

        assertThat(paid.status()).as(paid.text()).isEqualTo(201);
        assertThat(paid.body().get("shares").findValuesAsText("cents")).containsExactly("6702", "2474", "825");
        assertThat(retried.status()).isEqualTo(200);
        assertThat(retried.body().get("shares")).isEqualTo(paid.body().get("shares"));
        assertThat(paidOn(invoices)).containsExactly(6_702L, 2_474L, 825L);
        assertThat(paidOn(invoices).stream().mapToLong(Long::longValue).sum()).isEqualTo(10_001L);
        invoices.forEach(id -> assertThat(eventsOf(id)).containsExactly("InvoiceIssued", "PaymentRecorded"));

        Response rest = coordinator.post("/api/payments/group-payments", Map.of("payer", "Little Steps",
                "amountCents", 48_501 - 10_001, "currency", "USD", "method", "CHECK", "invoiceIds", invoices),
                Map.of("Idempotency-Key", key + "-rest"));
        assertThat(rest.status()).as(rest.text()).isEqualTo(201);
        invoices.forEach(id -> assertThat(coordinator.get("/api/payments/invoices/" + id).at("/status"))
                .isEqualTo("PAID"));
    }

    @Test
    void theSameInvoiceOrGroupPaymentSentSeveralTimesAtOnceIsRecordedOnce() {
        ApiClient coordinator = coordinator("ma");
        String invoiceKey = UUID.randomUUID().toString();
        Map<String, Object> invoice = Map.of("personId", "staff-6", "lines",
                List.of(Map.of("description", "Fees", "amountCents", 9_999)));
        List<Response> issued = atOnce(() -> coordinator.post("/api/payments/invoices", invoice,
                Map.of("Idempotency-Key", invoiceKey)));
        assertThat(issued).allSatisfy(response -> assertThat(response.status()).as(response.text()).isIn(200, 201));
        assertThat(issued).extracting(response -> response.at("/invoiceId")).containsOnly(issued.get(0).at("/invoiceId"));
        assertThat(eventsOf(issued.get(0).at("/invoiceId"))).containsExactly("InvoiceIssued");

        List<String> invoices = List.of(issued.get(0).at("/invoiceId"), issue("ma", "staff-7", 1));
        String paymentKey = "agency-" + UUID.randomUUID();
        Map<String, Object> payment = Map.of("payer", "Agency", "amountCents", 10_000, "currency", "USD",
                "method", "CHECK", "invoiceIds", invoices);
        List<Response> paid = atOnce(() -> coordinator.post("/api/payments/group-payments", payment,
                Map.of("Idempotency-Key", paymentKey)));
        assertThat(paid).allSatisfy(response -> assertThat(response.status()).as(response.text()).isIn(200, 201));
        assertThat(paid).extracting(response -> response.body().get("shares")).containsOnly(paid.get(0).body().get("shares"));
        invoices.forEach(id -> assertThat(eventsOf(id)).containsExactly("InvoiceIssued", "PaymentRecorded",
                "InvoiceSettled"));
    }

    @Test
    void aGroupPaymentNamingAnotherAssociationsInvoiceRecordsNothing() {
        String ours = issue("ma", "staff-4", 2_000);
        String theirs = issue("wa", "staff-5", 2_000);

        Response refused = coordinator("ma").post("/api/payments/group-payments", Map.of("payer", "Agency",
                        "amountCents", 4_000, "currency", "USD", "method", "CHECK", "invoiceIds", List.of(ours, theirs)),
                Map.of("Idempotency-Key", UUID.randomUUID().toString()));

        assertThat(refused.status()).isEqualTo(404);
        assertThat(eventsOf(ours)).containsExactly("InvoiceIssued");
        assertThat(eventsOf(theirs)).containsExactly("InvoiceIssued");
    }
}
