package org.iecmh.endorsement.application;

import org.springframework.core.env.Environment;
import org.iecmh.endorsement.testkit.PublishedAssociations;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.iecmh.endorsement.kit.audit.EventChain;
import org.iecmh.endorsement.testkit.ApiClient;
import org.iecmh.endorsement.testkit.ApiClient.Response;
import org.iecmh.endorsement.testkit.MutableClock;
import org.iecmh.endorsement.testkit.WithRealInfrastructure;
import org.axonframework.eventhandling.GenericEventMessage;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.JdbcTemplate;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

import static org.assertj.core.api.Assertions.assertThat;

/** An auditor's view of applications: history, past states, the hash chain, exports and old event shapes. */
@SpringBootTest(classes = ApplicationServiceApplication.class,
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "spring.config.name=" + ApplicationServiceApplication.NAME)
@WithRealInfrastructure
@Import(ApplicationAuditTest.Clocks.class)
class ApplicationAuditTest {

    static final Instant NOW = Instant.parse("2026-09-01T09:00:00Z");
    static final MutableClock CLOCK = new MutableClock(NOW);
    static final Map<String, Object> DEGREE = Map.of("degree", "ASSOCIATE", "field", "Early childhood",
            "institution", "Bunker Hill Community College", "year", 2018);

    @TestConfiguration
    static class Clocks {
        @Bean
        Clock clock() {
            return CLOCK;
        }
    }

    @LocalServerPort
    int port;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    EventChain chain;

    String applicantId;
    ApiClient applicant;
    ApiClient auditor;

    @Autowired
    Environment environment;

    @BeforeEach
    void anApplicantAndAnAuditor() {
        CLOCK.set(NOW);
        // Axon stamps events with one clock per JVM, set by the context started last: take it back for this story.
        GenericEventMessage.clock = CLOCK;
        PublishedAssociations.publishOnce(environment, PublishedAssociations.seed());
        applicantId = "applicant-" + UUID.randomUUID();
        applicant = ApiClient.onPort(port).as("ma", applicantId, "APPLICANT");
        auditor = ApiClient.onPort(port).as("ma", "auditor-ma", "AUDITOR");
    }

    @Test
    void anAuditorReadsTheHistoryInOrderAndTheStateOnADayBetweenTwoEventsAsTheApplicantSawItThen() {
        String id = start("Hana Audit");
        Response shownThen = applicant.get("/api/applications/" + id);
        CLOCK.advance(Duration.ofDays(10));
        Response withdrawn = applicant.post("/api/applications/" + id + "/withdrawal",
                Map.of("reason", "Moving to another state"));
        assertThat(withdrawn.status()).as(withdrawn.text()).isEqualTo(200);

        Response history = auditor.get("/api/audit/applications/" + id + "/events");
        Response state = auditor.get("/api/audit/applications/" + id + "/state?at=" + NOW.plus(Duration.ofDays(5)));
        Response now = auditor.get("/api/audit/applications/" + id + "/state?at=" + NOW.plus(Duration.ofDays(20)));

        assertThat(history.status()).as(history.text()).isEqualTo(200);
        assertThat(history.body().findValuesAsText("type")).containsExactly("ApplicationStarted",
                "ApplicationWithdrawn");
        assertThat(history.body().findValuesAsText("subject")).containsOnly(applicantId);
        assertThat(history.at("/events/1/time")).isEqualTo(NOW.plus(Duration.ofDays(10)).toString());
        assertThat(state.status()).as(state.text()).isEqualTo(200);
        assertThat(state.body().get("view")).isEqualTo(shownThen.body());
        assertThat(state.at("/view/status")).isEqualTo("DRAFT");
        assertThat(now.body().get("view")).isEqualTo(applicant.get("/api/applications/" + id).body());
        assertThat(applicant.get("/api/applications/" + id).at("/status")).isEqualTo("WITHDRAWN");
        JsonNode personal = auditor.get("/api/audit/applications/people/" + applicantId + "/events").body();
        assertThat(personal.get("total").asInt()).isEqualTo(2);
    }

    @Test
    void whoDidItChangedWithSqlBreaksTheChainAtExactlyThatEvent() {
        String id = start("Ida Tamper");
        applicant.post("/api/applications/" + id + "/portfolio/education", DEGREE);
        applicant.post("/api/applications/" + id + "/withdrawal", Map.of("reason", "Changed my mind"));
        assertThat(auditor.get("/api/audit/applications/" + id + "/verification").at("/intact")).isEqualTo("true");
        String recorded = jdbc.queryForObject("SELECT event_identifier FROM domain_event_entry"
                + " WHERE aggregate_identifier = ? AND sequence_number = 1", String.class, id);

        jdbc.update("""
                UPDATE domain_event_entry SET meta_data = convert_to(replace(convert_from(meta_data, 'UTF8'), ?,
                    'coordinator-1'), 'UTF8') WHERE aggregate_identifier = ? AND sequence_number = 1""",
                applicantId, id);

        Response verification = auditor.get("/api/audit/applications/" + id + "/verification");
        assertThat(verification.at("/intact")).isEqualTo("false");
        assertThat(verification.at("/firstBrokenLink/sequenceNumber")).isEqualTo("1");
        assertThat(verification.at("/firstBrokenLink/eventId")).isEqualTo(recorded);
        assertThat(verification.at("/firstBrokenLink/problem")).isEqualTo("hash-mismatch");
        Response tenant = auditor.get("/api/audit/applications/verification");
        assertThat(tenant.at("/intact")).isEqualTo("false");
        assertThat(tenant.at("/firstBrokenLink/eventId")).isEqualTo(recorded);
    }

    @Test
    void aRemovalStoredInRevisionOneStillReplaysThroughTheUpcaster() throws Exception {
        String id = start("Uma Upcast");
        assertThat(applicant.post("/api/applications/" + id + "/portfolio/education", DEGREE).status())
                .isEqualTo(201);
        String entryId = jdbc.queryForObject("SELECT entry_id FROM portfolio_entry WHERE application_id = ?",
                String.class, id);
        ObjectMapper json = new ObjectMapper();
        JsonNode fixture = json.readTree(getClass().getResource("/event-fixtures/portfolio-entry-removed-v1.json"))
                .get(0);
        String eventId = UUID.randomUUID().toString();
        String payload = json.writeValueAsString(fixture.get("payload")).replace(
                fixture.get("aggregateIdentifier").asText(), id).replace("e-education-1", entryId);
        String metaData = json.writeValueAsString(fixture.get("metaData")).replace("applicant-ma", applicantId);

        // Stored as revision 1 stored it, then linked like any event stored before the chain.
        jdbc.update("""
                INSERT INTO domain_event_entry (aggregate_identifier, sequence_number, type, event_identifier,
                    meta_data, payload, payload_revision, payload_type, time_stamp)
                VALUES (?, 2, 'Application', ?, ?, ?, NULL, ?, ?)""", id, eventId,
                metaData.getBytes(StandardCharsets.UTF_8), payload.getBytes(StandardCharsets.UTF_8),
                fixture.get("payloadType").asText(), "2026-09-01T09:00:01.000Z");
        chain.seal(List.of(eventId));

        Response history = auditor.get("/api/audit/applications/" + id + "/events?type=PortfolioEntryRemoved");
        assertThat(history.at("/events/0/payload/tenantId")).isEqualTo("ma");
        assertThat(history.at("/events/0/payload/entryId")).isEqualTo(entryId);
        // The aggregate replays it too: the entry is gone, so the same entry may be recorded again.
        Response again = applicant.post("/api/applications/" + id + "/portfolio/education", DEGREE);
        assertThat(again.status()).as(again.text()).isEqualTo(201);
        assertThat(auditor.get("/api/audit/applications/" + id + "/verification").at("/intact")).isEqualTo("true");
    }

    @Test
    void theTypeFilterOffersTheEventTypesTheApplicationStoresAndNoOtherAggregates() {
        Response types = auditor.get("/api/audit/applications/event-types");

        assertThat(types.status()).as(types.text()).isEqualTo(200);
        List<String> names = new ArrayList<>();
        types.body().forEach(type -> names.add(type.asText()));
        assertThat(names).contains("ApplicationStarted", "PortfolioEntryRecorded", "ReferenceLinkResent",
                "ScorersAssigned", "ExamPassed", "EndorsementGranted", "ApplicationWithdrawn")
                .doesNotContain("PriorEndorsementRecorded").isSorted().doesNotHaveDuplicates();
        assertThat(applicant.get("/api/audit/applications/event-types").status()).isEqualTo(403);
        assertThat(auditor.get("/api/audit/letters/event-types").status()).isEqualTo(404);
    }

    @Test
    void onlyAuditorsAndAdministratorsOfTheTenantReadIt() {
        String id = start("Al Access");
        String path = "/api/audit/applications/" + id + "/events";

        assertThat(applicant.get(path).status()).isEqualTo(403);
        assertThat(ApiClient.onPort(port).as("ma", "coordinator-1", "COORDINATOR").get(path).status())
                .isEqualTo(403);
        assertThat(ApiClient.onPort(port).as("ma", "admin-ma", "TENANT_ADMIN").get(path).status()).isEqualTo(200);
        assertThat(ApiClient.onPort(port).as("ma", "operator", "PLATFORM_ADMIN").get(path).status())
                .isEqualTo(200);
        assertThat(ApiClient.onPort(port).as("wa", "admin-wa", "TENANT_ADMIN").get(path).status()).isEqualTo(404);
        assertThat(ApiClient.onPort(port).as("wa", "auditor-wa", "AUDITOR").get(path).status()).isEqualTo(404);
    }

    @Test
    void aPersonsBundleHoldsTheirWholeHistoryWithASignedManifest() throws Exception {
        String id = start("Bo Bundle");
        applicant.post("/api/applications/" + id + "/portfolio/education", DEGREE);
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port
                + "/api/audit/applications/people/" + applicantId + "/export"));
        auditor.identityHeaders().forEach(request::header);

        HttpResponse<byte[]> response = HttpClient.newHttpClient().send(request.build(),
                HttpResponse.BodyHandlers.ofByteArray());

        assertThat(response.statusCode()).isEqualTo(200);
        List<String> names = new ArrayList<>();
        String events = null;
        try (ZipInputStream zip = new ZipInputStream(new ByteArrayInputStream(response.body()))) {
            for (ZipEntry entry = zip.getNextEntry(); entry != null; entry = zip.getNextEntry()) {
                names.add(entry.getName());
                byte[] content = zip.readAllBytes();
                if (entry.getName().equals("events.jsonl")) {
                    events = new String(content, StandardCharsets.UTF_8);
                }
            }
        }
        assertThat(names).containsExactly("events.jsonl", "manifest.json", "manifest.jws");
        assertThat(events).isNotNull();
        assertThat(events.lines()).hasSize(2).allSatisfy(line -> assertThat(line).contains(id));
    }

    @Test
    void theAuditAndRebuildEndpointsAreDescribedWithTheRestOfTheApi() {
        Response api = ApiClient.onPort(port).get("/v3/api-docs");

        assertThat(api.body().get("paths").has("/api/audit/{kind}/{aggregateId}/events")).isTrue();
        assertThat(api.body().get("paths").has("/api/audit/{kind}/people/{personId}/export")).isTrue();
        assertThat(api.body().get("paths").has("/api/applications/read-models/{readModel}/rebuilds")).isTrue();
        assertThat(api.body().get("paths").has("/api/applications/read-models/rebuild")).isFalse();
    }

    private String start(String name) {
        Response started = applicant.post("/api/applications", Map.of("applicantName", name, "category", "IFA",
                "contactEmail", "applicant@example.org", "stateOfResidence", "MA"));
        assertThat(started.status()).as(started.text()).isEqualTo(201);
        return started.at("/applicationId");
    }
}
