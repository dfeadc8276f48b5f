package org.iecmh.endorsement.application;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.axonframework.eventhandling.GenericEventMessage;
import org.iecmh.endorsement.contracts.ApplicationSubmitted;
import org.iecmh.endorsement.contracts.EndorsementGranted;
import org.iecmh.endorsement.contracts.InvoicePaid;
import org.iecmh.endorsement.contracts.Money;
import org.iecmh.endorsement.contracts.Topics;
import org.iecmh.endorsement.kit.audit.AuditMetadata;
import org.iecmh.endorsement.kit.messaging.IntegrationEventPublisher;
import org.iecmh.endorsement.testkit.ApiClient;
import org.iecmh.endorsement.testkit.ApiClient.Response;
import org.iecmh.endorsement.testkit.KafkaTopics;
import org.iecmh.endorsement.testkit.WithRealInfrastructure;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.JdbcTemplate;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** application-service on the real PostgreSQL server and Kafka broker, driven over HTTP and Kafka. */
@SpringBootTest(classes = ApplicationServiceApplication.class,
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "spring.config.name=" + ApplicationServiceApplication.NAME)
@WithRealInfrastructure
@Import(ApplicationServiceTest.FixedClock.class)
class ApplicationServiceTest {

    static final Instant NOW = Instant.parse("2026-11-22T10:00:00Z");

    @TestConfiguration
    static class FixedClock {
        @Bean
        Clock clock() {
            return Clock.fixed(NOW, ZoneOffset.UTC);
        }
    }

    @LocalServerPort
    int port;
    @Value("${iecmh.kafka.prefix}")
    String kafkaPrefix;
    @Autowired
    IntegrationEventPublisher publisher;
    @Autowired
    JdbcTemplate jdbc;

    ApiClient applicant;
    ApiClient coordinator;

    @BeforeEach
    void clients() {
        applicant = ApiClient.onPort(port).as("ma", "applicant-zoe", "APPLICANT");
        coordinator = ApiClient.onPort(port).as("ma", "coordinator-1", "COORDINATOR");
    }

    @Test
    void theReadinessProbeAnswersUp() {
        Response readiness = ApiClient.onPort(port).get("/actuator/health/readiness");

        assertThat(readiness.status()).isEqualTo(200);
        assertThat(readiness.at("/status")).isEqualTo("UP");
    }

    @Test
    void aSubmittedApplicationIsPublishedForBilling() {
        String id = startAndSubmit("Zoë Example", "IMHS");

        ConsumerRecord<byte[], byte[]> record = KafkaTopics.awaitFirst(kafkaPrefix + Topics.APPLICATIONS,
                r -> ApplicationSubmitted.TYPE.equals(KafkaTopics.header(r, "ce_type"))
                        && new String(r.value()).contains(id));
        assertThat(KafkaTopics.key(record)).isEqualTo("applicant-zoe");
        assertThat(KafkaTopics.header(record, "ce_tenantid")).isEqualTo("ma");
        assertThat(new String(record.value())).contains("\"category\":\"IMHS\"");
    }

    @Test
    void paidFeesSendTheApplicationToReviewOnceEvenWhenThePaymentArrivesTwice() {
        String id = startAndSubmit("Ana Lima", "IFS");
        var paid = GenericEventMessage.asEventMessage(new InvoicePaid("ma", "INV-" + id, "applicant-zoe", id,
                Money.of(12_000, "USD"), NOW)).andMetaData(Map.of(AuditMetadata.TENANT, "ma"));

        publisher.publish((InvoicePaid) paid.getPayload(), paid);
        publisher.publish((InvoicePaid) paid.getPayload(), paid);

        await().atMost(Duration.ofSeconds(30)).until(() -> "IN_REVIEW".equals(applicant.get(
                "/api/applications/" + id).at("/status")));
        // A marker event after the duplicate on the same key: once it is handled, so was the duplicate.
        String marker = startAndSubmit("Marker Person", "IFA");
        var markerPaid = GenericEventMessage.asEventMessage(new InvoicePaid("ma", "INV-" + marker, "applicant-zoe",
                marker, Money.of(4_000, "USD"), NOW)).andMetaData(Map.of(AuditMetadata.TENANT, "ma"));
        publisher.publish((InvoicePaid) markerPaid.getPayload(), markerPaid);
        await().atMost(Duration.ofSeconds(30)).until(() -> "IN_REVIEW".equals(applicant.get(
                "/api/applications/" + marker).at("/status")));

        assertThat(eventTypes(id)).containsExactly("ApplicationStarted", "ApplicationSubmitted", "ReviewOpened");
        assertThat(jdbc.queryForObject("SELECT count(*) FROM inbox WHERE event_id = ?", Integer.class,
                paid.getIdentifier())).isEqualTo(1);
    }

    @Test
    void aCoordinatorApprovesAndTheEndorsementIsGrantedWithANumberAndTheTenantsValidThroughDate() {
        String id = inReview("Kim Lee", "IMHM-C");

        Response approved = coordinator.post("/api/applications/" + id + "/approval", null);

        assertThat(approved.status()).as(approved.text()).isEqualTo(200);
        assertThat(approved.at("/status")).isEqualTo("GRANTED");
        assertThat(approved.at("/endorsementNumber")).matches("MA-\\d{6}");
        assertThat(approved.at("/validThrough")).isEqualTo("2027-12-31");
        ConsumerRecord<byte[], byte[]> granted = KafkaTopics.awaitFirst(kafkaPrefix + Topics.APPLICATIONS,
                r -> EndorsementGranted.TYPE.equals(KafkaTopics.header(r, "ce_type"))
                        && new String(r.value()).contains(id));
        assertThat(KafkaTopics.key(granted)).isEqualTo(approved.at("/endorsementNumber"));
    }

    @Test
    void onlyACoordinatorApprovesAndARefusedApprovalUsesNoNumber() {
        String first = inReview("First Person", "IFA");
        String draft = start("Draft Person", "IFA");

        assertThat(applicant.post("/api/applications/" + first + "/approval", null).status()).isEqualTo(403);
        Response refused = coordinator.post("/api/applications/" + draft + "/approval", null);
        assertThat(refused.status()).isEqualTo(409);
        assertThat(refused.at("/rule")).isEqualTo("approval-needs-review");

        String number = coordinator.post("/api/applications/" + first + "/approval", null).at("/endorsementNumber");
        Long last = jdbc.queryForObject("SELECT last_number FROM endorsement_number_counter WHERE tenant_id = 'ma'",
                Long.class);
        assertThat(number).isEqualTo(String.format("MA-%06d", last));
    }

    @Test
    void anAuditorReadsTheWholeHistoryInOrderWithWhoWhenAndWhy() {
        String id = inReview("Audit Subject", "ECFS");
        coordinator.post("/api/applications/" + id + "/approval", null);

        Response history = ApiClient.onPort(port).as("ma", "auditor-1", "AUDITOR")
                .get("/api/applications/" + id + "/history");

        assertThat(history.status()).isEqualTo(200);
        List<String> types = history.body().findValuesAsText("type");
        assertThat(types).containsExactly("ApplicationStarted", "ApplicationSubmitted", "ReviewOpened",
                "EndorsementGranted");
        assertThat(history.body().get(0).get("subject").asText()).isEqualTo("applicant-zoe");
        assertThat(history.body().get(0).get("role").asText()).isEqualTo("APPLICANT");
        assertThat(history.body().get(2).get("subject").asText()).isEqualTo("service:application-service");
        assertThat(history.body().get(3).get("subject").asText()).isEqualTo("coordinator-1");
        assertThat(history.body().get(3).get("role").asText()).isEqualTo("COORDINATOR");
        history.body().forEach(event -> {
            assertThat(event.get("tenantId").asText()).isEqualTo("ma");
            assertThat(event.get("time").asText()).isEqualTo(NOW.toString());
            assertThat(event.get("correlationId").asText()).isNotBlank();
            assertThat(event.get("causationId").asText()).isNotBlank();
        });
        assertThat(history.body().get(3).get("payload").get("validThrough").asText()).isEqualTo("2027-12-31");
    }

    @Test
    void anotherAssociationSeesNoTraceOfTheApplication() {
        String id = start("Private Person", "IMHS");
        ApiClient washington = ApiClient.onPort(port).as("wa", "coordinator-wa", "COORDINATOR");

        assertThat(washington.get("/api/applications/" + id).status()).isEqualTo(404);
        assertThat(washington.post("/api/applications/" + id + "/approval", null).status()).isEqualTo(404);
        assertThat(ApiClient.onPort(port).as("wa", "auditor-wa", "AUDITOR")
                .get("/api/applications/" + id + "/history").status()).isEqualTo(404);
        assertThat(ApiClient.onPort(port).as("ma", "someone-else", "APPLICANT")
                .get("/api/applications/" + id).status()).isEqualTo(404);
    }

    @Test
    void badInputIsAProblemNamingTheFieldAndLeavesNoEvent() {
        int before = jdbc.queryForObject("SELECT count(*) FROM domain_event_entry", Integer.class);

        Response blank = applicant.post("/api/applications", Map.of("applicantName", "", "category", "IMHS"));
        Response unknown = applicant.post("/api/applications", Map.of("applicantName", "A B", "category", "XYZ"));

        assertThat(blank.status()).isEqualTo(400);
        assertThat(blank.contentType()).startsWith("application/problem+json");
        assertThat(blank.at("/errors/0/field")).isEqualTo("applicantName");
        assertThat(blank.at("/errors/0/rule")).isEqualTo("NotBlank");
        assertThat(unknown.status()).isEqualTo(409);
        assertThat(unknown.at("/rule")).isEqualTo("unknown-category");
        assertThat(jdbc.queryForObject("SELECT count(*) FROM domain_event_entry", Integer.class)).isEqualTo(before);
    }

    private String start(String name, String category) {
        Response started = applicant.post("/api/applications", Map.of("applicantName", name, "category", category));
        assertThat(started.status()).as(started.text()).isEqualTo(201);
        assertThat(started.at("/status")).isEqualTo("DRAFT");
        return started.at("/applicationId");
    }

    private String startAndSubmit(String name, String category) {
        String id = start(name, category);
        Response submitted = applicant.post("/api/applications/" + id + "/submission", null);
        assertThat(submitted.status()).as(submitted.text()).isEqualTo(200);
        assertThat(submitted.at("/status")).isEqualTo("SUBMITTED");
        return id;
    }

    private String inReview(String name, String category) {
        String id = startAndSubmit(name, category);
        var paid = GenericEventMessage.asEventMessage(new InvoicePaid("ma", "INV-" + id, "applicant-zoe", id,
                Money.of(2_500, "USD"), NOW)).andMetaData(Map.of(AuditMetadata.TENANT, "ma"));
        publisher.publish((InvoicePaid) paid.getPayload(), paid);
        await().atMost(Duration.ofSeconds(30)).until(() -> "IN_REVIEW".equals(applicant.get(
                "/api/applications/" + id).at("/status")));
        return id;
    }

    private List<String> eventTypes(String aggregateId) {
        return jdbc.queryForList("SELECT payload_type FROM domain_event_entry WHERE aggregate_identifier = ? "
                + "ORDER BY sequence_number", String.class, aggregateId).stream()
                .map(type -> type.substring(type.lastIndexOf('.') + 1)).toList();
    }
}
