package org.iecmh.endorsement.payment;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericEventMessage;
import org.iecmh.endorsement.contracts.ApplicationSubmitted;
import org.iecmh.endorsement.contracts.InvoicePaid;
import org.iecmh.endorsement.contracts.Topics;
import org.iecmh.endorsement.kit.audit.AuditMetadata;
import org.iecmh.endorsement.kit.messaging.IntegrationEventPublisher;
import org.iecmh.endorsement.testkit.ApiClient;
import org.iecmh.endorsement.testkit.ApiClient.Response;
import org.iecmh.endorsement.testkit.KafkaTopics;
import org.iecmh.endorsement.testkit.WithRealInfrastructure;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** payment-service on the real PostgreSQL server and Kafka broker. */
@SpringBootTest(classes = PaymentServiceApplication.class,
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "spring.config.name=" + PaymentServiceApplication.NAME)
@WithRealInfrastructure
class PaymentServiceTest {

    @LocalServerPort
    int port;
    @Value("${iecmh.kafka.prefix}")
    String kafkaPrefix;
    @Autowired
    IntegrationEventPublisher publisher;
    @Autowired
    JdbcTemplate jdbc;

    @Test
    void theReadinessProbeAnswersUp() {
        Response readiness = ApiClient.onPort(port).get("/actuator/health/readiness");

        assertThat(readiness.status()).isEqualTo(200);
        assertThat(readiness.at("/status")).isEqualTo("UP");
    }

    @Test
    void aSubmittedApplicationIsInvoicedTheAssociationsFeesForItsLevelOnceEvenIfReportedTwice() {
        String applicationId = UUID.randomUUID().toString();
        EventMessage<ApplicationSubmitted> submitted = submitted(applicationId, "person-1", "IMHS");

        publisher.publish(submitted.getPayload(), submitted);
        publisher.publish(submitted.getPayload(), submitted);

        Response invoices = awaitInvoices(applicationId, ApiClient.onPort(port).as("ma", "person-1", "APPLICANT"));
        assertThat(invoices.body()).hasSize(1);
        assertThat(invoices.at("/0/total/cents")).isEqualTo("32500");
        assertThat(invoices.at("/0/total/currency")).isEqualTo("USD");
        assertThat(invoices.body().get(0).get("lines").findValuesAsText("description"))
                .containsExactly("Registration fee, IMHS", "Processing fee, IMHS");
        assertThat(invoices.at("/0/status")).isEqualTo("OPEN");
        assertThat(jdbc.queryForObject("SELECT count(*) FROM domain_event_entry WHERE aggregate_identifier = ?",
                Integer.class, "INV-" + applicationId)).isEqualTo(1);
    }

    @Test
    void aPaymentRetriedWithTheSameKeyIsRecordedOnceAndSettlesTheInvoice() {
        String applicationId = UUID.randomUUID().toString();
        EventMessage<ApplicationSubmitted> submitted = submitted(applicationId, "person-2", "IFS");
        publisher.publish(submitted.getPayload(), submitted);
        ApiClient coordinator = ApiClient.onPort(port).as("ma", "coordinator-1", "COORDINATOR");
        String invoiceId = awaitInvoices(applicationId, coordinator).at("/0/invoiceId");
        Map<String, Object> payment = Map.of("amountCents", 12_000, "currency", "USD", "method", "CHECK",
                "reference", "check 2044");

        Response first = coordinator.post("/api/payments/invoices/" + invoiceId + "/payments", payment,
                Map.of("Idempotency-Key", "key-" + applicationId));
        Response retried = coordinator.post("/api/payments/invoices/" + invoiceId + "/payments", payment,
                Map.of("Idempotency-Key", "key-" + applicationId));

        assertThat(first.status()).as(first.text()).isEqualTo(200);
        assertThat(first.at("/status")).isEqualTo("PAID");
        assertThat(retried.status()).isEqualTo(200);
        assertThat(retried.at("/paid/cents")).isEqualTo("12000");
        ConsumerRecord<byte[], byte[]> paid = KafkaTopics.awaitFirst(kafkaPrefix + Topics.PAYMENTS,
                r -> InvoicePaid.TYPE.equals(KafkaTopics.header(r, "ce_type"))
                        && new String(r.value()).contains(applicationId));
        assertThat(KafkaTopics.key(paid)).isEqualTo("person-2");
        assertThat(new String(paid.value())).contains("\"cents\":12000");
        assertThat(jdbc.queryForList("SELECT payload_type FROM domain_event_entry WHERE aggregate_identifier = ? "
                + "ORDER BY sequence_number", String.class, invoiceId))
                .extracting(type -> type.substring(type.lastIndexOf('.') + 1))
                .containsExactly("InvoiceIssued", "PaymentRecorded", "InvoiceSettled");
    }

    @Test
    void anOverpaymentIsRefusedWithTheRuleAndAPaymentWithoutKeyNamesTheHeader() {
        String applicationId = UUID.randomUUID().toString();
        EventMessage<ApplicationSubmitted> submitted = submitted(applicationId, "person-3", "IFA");
        publisher.publish(submitted.getPayload(), submitted);
        ApiClient coordinator = ApiClient.onPort(port).as("ma", "coordinator-1", "COORDINATOR");
        String invoiceId = awaitInvoices(applicationId, coordinator).at("/0/invoiceId");

        Response over = coordinator.post("/api/payments/invoices/" + invoiceId + "/payments",
                Map.of("amountCents", 999_999, "currency", "USD", "method", "CARD"), Map.of("Idempotency-Key", "k1"));
        Response negative = coordinator.post("/api/payments/invoices/" + invoiceId + "/payments",
                Map.of("amountCents", -5, "currency", "USD", "method", "CARD"), Map.of("Idempotency-Key", "k2"));
        Response keyless = coordinator.post("/api/payments/invoices/" + invoiceId + "/payments",
                Map.of("amountCents", 100, "currency", "USD", "method", "CARD"));

        assertThat(over.status()).isEqualTo(409);
        assertThat(over.at("/rule")).isEqualTo("overpayment");
        assertThat(negative.status()).isEqualTo(400);
        assertThat(negative.at("/errors/0/field")).isEqualTo("amountCents");
        assertThat(keyless.status()).isEqualTo(400);
        assertThat(keyless.text()).contains("Idempotency-Key");
        assertThat(jdbc.queryForObject("SELECT count(*) FROM domain_event_entry WHERE aggregate_identifier = ?",
                Integer.class, invoiceId)).isEqualTo(1);
    }

    @Test
    void anotherAssociationOrAnotherApplicantSeesNoInvoice() {
        String applicationId = UUID.randomUUID().toString();
        EventMessage<ApplicationSubmitted> submitted = submitted(applicationId, "person-4", "IMHS");
        publisher.publish(submitted.getPayload(), submitted);
        String invoiceId = awaitInvoices(applicationId, ApiClient.onPort(port).as("ma", "person-4", "APPLICANT"))
                .at("/0/invoiceId");

        assertThat(ApiClient.onPort(port).as("wa", "coordinator-wa", "COORDINATOR")
                .get("/api/payments/invoices/" + invoiceId).status()).isEqualTo(404);
        assertThat(ApiClient.onPort(port).as("ma", "person-5", "APPLICANT")
                .get("/api/payments/invoices/" + invoiceId).status()).isEqualTo(404);
    }

    private Response awaitInvoices(String applicationId, ApiClient client) {
        String path = "/api/payments/invoices?applicationId=" + applicationId;
        await().atMost(Duration.ofSeconds(30)).until(() -> client.get(path).body().size() > 0);
        return client.get(path);
    }

    private static EventMessage<ApplicationSubmitted> submitted(String applicationId, String person, String category) {
        return new GenericEventMessage<>(new ApplicationSubmitted("ma", applicationId, person, "Some One",
                category, Instant.now()), Map.of(AuditMetadata.TENANT, "ma"));
    }
}
