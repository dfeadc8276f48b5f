package org.iecmh.endorsement.application;

import org.iecmh.endorsement.contracts.ApplicationSubmitted;
import org.iecmh.endorsement.contracts.EndorsementGranted;
import org.iecmh.endorsement.testkit.ApiClient.Response;
import org.iecmh.endorsement.testkit.ApiClient;
import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** application-service as a whole: health, API description, who may act and see what, across tenants. */
public class ApplicationServiceTest extends ServiceTestBase {

    @Test
    void theReadinessProbeAnswersUp() {
        Response readiness = ApiClient.onPort(port).get("/actuator/health/readiness");

        assertThat(readiness.status()).isEqualTo(200);
        assertThat(readiness.at("/status")).isEqualTo("UP");
    }

    @Test
    void anAuditorReadsTheWholeHistoryInOrderWithWhoWhenAndWhy() {
        String id = approvedByReviewers(inReview("Audit Subject", "ECFA"));
        coordinator.post("/api/applications/" + id + "/approval", null);

        Response history = ApiClient.onPort(port).as("ma", "auditor-1", "AUDITOR")
                .get("/api/applications/" + id + "/history");

        assertThat(history.status()).isEqualTo(200);
        List<String> types = history.body().findValuesAsText("type");
        assertThat(types).containsExactly("ApplicationStarted", "PortfolioEntryRecorded", "PortfolioEntryRecorded",
                "RaterNamed", "RaterNamed", "RaterNamed", "ReferenceSubmitted", "ReferenceSubmitted",
                "ReferenceSubmitted", "ApplicationSubmitted", "ReviewOpened", "ReviewersAssigned", "ReviewRecorded",
                "ReviewRecorded", "PortfolioApproved", "EndorsementGranted");
        assertThat(history.body().get(0).get("subject").asText()).isEqualTo(applicantId);
        assertThat(history.body().get(0).get("role").asText()).isEqualTo("APPLICANT");
        String rater = history.body().get(6).get("payload").get("referenceId").asText();
        assertThat(history.body().get(6).get("subject").asText()).isEqualTo("reference:" + rater);
        assertThat(history.body().get(6).get("role").asText()).isEqualTo("REFERENCE_RATER");
        assertThat(history.body().get(10).get("subject").asText()).isEqualTo("service:application-service");
        assertThat(history.body().get(12).get("subject").asText()).isEqualTo("reviewer-ana");
        assertThat(history.body().get(12).get("role").asText()).isEqualTo("REVIEWER");
        assertThat(history.body().get(15).get("subject").asText()).isEqualTo("coordinator-1");
        assertThat(history.body().get(15).get("role").asText()).isEqualTo("COORDINATOR");
        assertThat(history.body().get(1).get("payload").get("entry").get("kind").asText()).isEqualTo("education");
        history.body().forEach(event -> {
            assertThat(event.get("tenantId").asText()).isEqualTo("ma");
            assertThat(event.get("time").asText()).isEqualTo(NOW.toString());
            assertThat(event.get("correlationId").asText()).isNotBlank();
            assertThat(event.get("causationId").asText()).isNotBlank();
        });
        assertThat(history.body().get(15).get("payload").get("validThrough").asText()).isEqualTo("2027-12-31");
        assertThat(history.body().get(15).get("payload").get("email").asText()).isEqualTo(applicantId + "@example.org");
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
        assertThat(ApiClient.onPort(port).as("wa", applicantId, "APPLICANT")
                .post("/api/applications/" + id + "/portfolio/education", DEGREE).status()).isEqualTo(404);
        assertThat(coordinator.post("/api/applications/" + id + "/portfolio/education", DEGREE).status())
                .isEqualTo(403);
    }

    @Test
    void aRoleThatMayNotActIsRefusedBeforeItsInputIsReadAndStoresNothing() {
        String id = start("Guarded Person", "IFA");
        ApiClient auditor = ApiClient.onPort(port).as("ma", "auditor-1", "AUDITOR");
        int before = jdbc.queryForObject("SELECT count(*) FROM domain_event_entry", Integer.class);

        // Invalid bodies: a caller without the role hears 403, never which field is wrong.
        Response denial = auditor.post("/api/applications/" + id + "/denial", Map.of("reasons", List.of()));
        Response sitting = applicant.post("/api/applications/" + id + "/exam", Map.of());
        Response priorEndorsement = coordinator.post("/api/applications/prior-endorsements", Map.of());
        Response entry = coordinator.post("/api/applications/" + id + "/portfolio/education", Map.of());
        // Valid bodies: an auditor reads but never writes, staff never act for the applicant.
        Response started = auditor.post("/api/applications", Map.of("applicantName", "Audit Or", "category", "IFA"));
        Response submitted = coordinator.post("/api/applications/" + id + "/submission", null);
        Response withdrawn = coordinator.post("/api/applications/" + id + "/withdrawal", Map.of("reason", "x"));

        for (Response refused : List.of(denial, sitting, priorEndorsement, entry, started, submitted, withdrawn)) {
            assertThat(refused.status()).as(refused.text()).isEqualTo(403);
            assertThat(refused.contentType()).startsWith("application/problem+json");
        }
        assertThat(denial.at("/detail")).isEqualTo("Only a coordinator denies an application");
        assertThat(jdbc.queryForObject("SELECT count(*) FROM domain_event_entry", Integer.class)).isEqualTo(before);
    }

    @Test
    void whoActsComesFromTheTokenWhateverTheRequestClaims() {
        ApiClient claimant = ApiClient.onPort(port).as("ma", "claimant-1", "APPLICANT")
                .withHeaders(Map.of("X-User", "coordinator-1", "X-Subject", "coordinator-1", "X-Roles", "COORDINATOR"));
        Map<String, Object> body = new LinkedHashMap<>(Map.of("applicantName", "Claimant", "category", "IFA",
                "contactEmail", "claimant@example.org", "stateOfResidence", "MA"));
        body.putAll(Map.of("subject", "coordinator-1", "role", "COORDINATOR", "tenantId", "wa",
                "personId", "coordinator-1", "applicantId", "coordinator-1"));

        Response started = claimant.post("/api/applications", body);

        assertThat(started.status()).as(started.text()).isEqualTo(201);
        assertThat(started.at("/personId")).isEqualTo("claimant-1");
        assertThat(jdbc.queryForMap("""
                SELECT meta_data ->> 'tenantId' AS tenant, meta_data ->> 'subject' AS subject,
                       meta_data ->> 'role' AS role FROM event_log WHERE aggregate_identifier = ?""",
                started.at("/applicationId")))
                .containsEntry("tenant", "ma").containsEntry("subject", "claimant-1").containsEntry("role", "APPLICANT");
    }

    @Test
    void onlyStaffSeeApplicationsThatAreNotTheirOwn() {
        String id = start("Private Person", "IFA");

        for (String role : List.of("ENDORSEE", "REFERENCE_RATER", "APPLICANT")) {
            assertThat(ApiClient.onPort(port).as("ma", "someone-else", role).get("/api/applications/" + id)
                    .status()).as(role).isEqualTo(404);
        }
        for (String role : List.of("COORDINATOR", "REVIEWER", "AUDITOR", "TENANT_ADMIN", "PLATFORM_ADMIN")) {
            assertThat(ApiClient.onPort(port).as("ma", "staff-1", role).get("/api/applications/" + id)
                    .status()).as(role).isEqualTo(200);
        }
    }

    @Test
    void theApiIsDescribedByOpenApiWithExamples() {
        Response api = ApiClient.onPort(port).get("/v3/api-docs");

        assertThat(api.status()).isEqualTo(200);
        assertThat(api.body().get("paths").has("/api/applications/{applicationId}/requirements")).isTrue();
        assertThat(api.body().get("paths").has("/api/applications/{applicationId}/portfolio/trainings")).isTrue();
        assertThat(api.body().at("/components/schemas/StartRequest/properties/category/example").asText())
                .isEqualTo("IFA");
        assertThat(api.body().at("/components/schemas/TrainingRequest/properties/hours/example").asText())
                .isEqualTo("18.5");
    }

}
