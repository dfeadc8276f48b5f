package org.iecmh.endorsement.renewal;

import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericEventMessage;
import org.iecmh.endorsement.contracts.EndorsementGranted;
import org.iecmh.endorsement.kit.audit.AuditMetadata;
import org.iecmh.endorsement.kit.messaging.IntegrationEventPublisher;
import org.iecmh.endorsement.testkit.ApiClient;
import org.iecmh.endorsement.testkit.ApiClient.Response;
import org.iecmh.endorsement.testkit.WithRealInfrastructure;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** renewal-service on the real PostgreSQL server and Kafka broker. */
@SpringBootTest(classes = RenewalServiceApplication.class,
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "spring.config.name=" + RenewalServiceApplication.NAME)
@WithRealInfrastructure
class RenewalServiceTest {

    @LocalServerPort
    int port;
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
    void aGrantedEndorsementBeginsItsLifeHereOnceEvenIfReportedTwice() {
        EventMessage<EndorsementGranted> granted = new GenericEventMessage<>(new EndorsementGranted("wa",
                "WA-000007", "app-7", "person-7", "Ana Lima", "IMHS", Instant.parse("2026-11-22T10:00:00Z"),
                LocalDate.of(2027, 12, 31)), Map.of(AuditMetadata.TENANT, "wa"));

        publisher.publish(granted.getPayload(), granted);
        publisher.publish(granted.getPayload(), granted);

        ApiClient coordinator = ApiClient.onPort(port).as("wa", "coordinator-wa", "COORDINATOR");
        await().atMost(Duration.ofSeconds(30))
                .until(() -> coordinator.get("/api/endorsements/WA-000007").status() == 200);
        Response endorsement = coordinator.get("/api/endorsements/WA-000007");
        assertThat(endorsement.at("/status")).isEqualTo("ACTIVE");
        assertThat(endorsement.at("/endorsedSince")).isEqualTo("2026-11-22");
        assertThat(endorsement.at("/validThrough")).isEqualTo("2027-12-31");
        assertThat(endorsement.at("/category")).isEqualTo("IMHS");
        await().atMost(Duration.ofSeconds(30)).until(() -> jdbc.queryForObject(
                "SELECT count(*) FROM inbox WHERE event_id = ?", Integer.class, granted.getIdentifier()) == 1);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM domain_event_entry WHERE aggregate_identifier = ?",
                Integer.class, "WA-000007")).isEqualTo(1);
        assertThat(jdbc.queryForObject("SELECT meta_data ->> 'causationId' FROM event_log WHERE aggregate_identifier = ?",
                String.class, "WA-000007")).isEqualTo(granted.getIdentifier());

        assertThat(ApiClient.onPort(port).as("ma", "coordinator-ma", "COORDINATOR")
                .get("/api/endorsements/WA-000007").status()).isEqualTo(404);
        assertThat(ApiClient.onPort(port).as("wa", "someone-else", "APPLICANT")
                .get("/api/endorsements/WA-000007").status()).isEqualTo(404);
        assertThat(ApiClient.onPort(port).as("wa", "person-7", "APPLICANT")
                .get("/api/endorsements/WA-000007").status()).isEqualTo(200);
    }
}
