package org.iecmh.endorsement.payment.card;

import org.axonframework.eventhandling.EventMessage;
import org.iecmh.endorsement.contracts.ApplicationSubmitted;
import org.iecmh.endorsement.contracts.InvoiceIssued;
import org.iecmh.endorsement.contracts.InvoicePaid;
import org.iecmh.endorsement.payment.PaymentServiceTestBase;
import org.iecmh.endorsement.testkit.ApiClient;
import org.iecmh.endorsement.testkit.ApiClient.Response;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** Paying by card through the processor, and its signed webhook. */
class CardPaymentServiceTest extends PaymentServiceTestBase {

    @Test
    void anApplicantPaysByCardAndTheProcessorsSignedWebhookRecordsThePaymentOnceHoweverOftenItComes() {
        String applicationId = UUID.randomUUID().toString();
        EventMessage<ApplicationSubmitted> submitted = submitted("ma", applicationId, "person-card", "IFS");
        publisher.publish(submitted.getPayload(), submitted);
        ApiClient applicant = ApiClient.onPort(port).as("ma", "person-card", "APPLICANT");
        String invoiceId = awaitInvoices(applicationId, applicant).at("/0/invoiceId");

        Response started = applicant.post("/api/payments/invoices/" + invoiceId + "/card-checkouts", null,
                Map.of("Idempotency-Key", "card-1"));
        Response someoneElse = ApiClient.onPort(port).as("ma", "person-other", "APPLICANT")
                .post("/api/payments/invoices/" + invoiceId + "/card-checkouts", null,
                        Map.of("Idempotency-Key", "card-1"));

        assertThat(started.status()).as(started.text()).isEqualTo(200);
        assertThat(started.at("/amount/cents")).isEqualTo("12000");
        String intent = started.at("/processorPaymentId");
        assertThat(started.at("/clientSecret")).isEqualTo(intent + "_secret_abc");
        assertThat(someoneElse.status()).isEqualTo(404);
        ProcessorRequest sent = PROCESSOR_REQUESTS.stream().filter(r -> r.body().contains(invoiceId)).findFirst()
                .orElseThrow();
        assertThat(sent.authorization()).isEqualTo("Bearer sk_test_123");
        assertThat(sent.idempotencyKey()).isEqualTo("ma/" + invoiceId + "/card-1");
        assertThat(sent.body()).contains("amount=12000", "currency=usd", "metadata%5Btenant_id%5D=ma",
                "metadata%5Binvoice_id%5D=" + invoiceId);

        // The same request again sends the processor the same idempotency key, so the processor answers the same
        // payment instead of starting a second one.
        applicant.post("/api/payments/invoices/" + invoiceId + "/card-checkouts", null,
                Map.of("Idempotency-Key", "card-1"));
        assertThat(PROCESSOR_REQUESTS.stream().filter(r -> r.body().contains(invoiceId))
                .map(ProcessorRequest::idempotencyKey)).containsOnly("ma/" + invoiceId + "/card-1").hasSize(2);

        // A declined card: the processor reports the failure, nothing is recorded and the invoice stays open.
        String declined = "{\"id\":\"evt_0\",\"type\":\"payment_intent.payment_failed\",\"data\":{\"object\":{"
                + "\"id\":\"" + intent + "\",\"amount_received\":0,\"currency\":\"usd\","
                + "\"last_payment_error\":{\"code\":\"card_declined\"},"
                + "\"metadata\":{\"tenant_id\":\"ma\",\"invoice_id\":\"" + invoiceId + "\"}}}}";
        Response failed = webhook(declined, signed(declined, NOW.getEpochSecond(), WEBHOOK_SECRET));
        assertThat(failed.status()).isEqualTo(200);
        assertThat(failed.at("/recorded")).isEqualTo("false");
        assertThat(applicant.get("/api/payments/invoices/" + invoiceId).at("/status")).isEqualTo("OPEN");
        assertThat(eventsOf(invoiceId)).containsExactly("InvoiceIssued");

        String succeeded = "{\"id\":\"evt_1\",\"type\":\"payment_intent.succeeded\",\"data\":{\"object\":{"
                + "\"id\":\"" + intent + "\",\"amount_received\":12000,\"currency\":\"usd\","
                + "\"metadata\":{\"tenant_id\":\"ma\",\"invoice_id\":\"" + invoiceId + "\"}}}}";
        Response first = webhook(succeeded, signed(succeeded, NOW.getEpochSecond(), WEBHOOK_SECRET));
        Response again = webhook(succeeded, signed(succeeded, NOW.getEpochSecond() + 60, WEBHOOK_SECRET));

        assertThat(first.status()).as(first.text()).isEqualTo(200);
        assertThat(again.status()).isEqualTo(200);
        assertThat(applicant.get("/api/payments/invoices/" + invoiceId).at("/status")).isEqualTo("PAID");
        assertThat(eventsOf(invoiceId)).containsExactly("InvoiceIssued", "PaymentRecorded", "InvoiceSettled");
        awaitPublished(InvoicePaid.TYPE, applicationId);
    }

    @Test
    void aWebhookNotSignedWithOurSecretOrSignedLongAgoRecordsNothing() {
        String invoiceId = issue("ma", "person-forged", 5_000);
        String forged = "{\"id\":\"evt_2\",\"type\":\"payment_intent.succeeded\",\"data\":{\"object\":{"
                + "\"id\":\"pi_forged\",\"amount_received\":5000,\"currency\":\"usd\","
                + "\"metadata\":{\"tenant_id\":\"ma\",\"invoice_id\":\"" + invoiceId + "\"}}}}";

        Response otherSecret = webhook(forged, signed(forged, NOW.getEpochSecond(), "whsec_guessed"));
        Response replayed = webhook(forged, signed(forged, NOW.getEpochSecond() - 3_600, WEBHOOK_SECRET));
        Response unsigned = webhook(forged, null);
        String other = "{\"id\":\"evt_3\",\"type\":\"charge.dispute.created\",\"data\":{\"object\":{}}}";
        Response ignored = webhook(other, signed(other, NOW.getEpochSecond(), WEBHOOK_SECRET));

        assertThat(otherSecret.status()).isEqualTo(400);
        assertThat(replayed.status()).isEqualTo(400);
        assertThat(unsigned.status()).isEqualTo(400);
        assertThat(ignored.status()).isEqualTo(200);
        assertThat(ignored.at("/recorded")).isEqualTo("false");
        assertThat(eventsOf(invoiceId)).containsExactly("InvoiceIssued");
    }
}
