package org.iecmh.endorsement.application.requirements;

import org.axonframework.eventhandling.GenericEventMessage;
import org.iecmh.endorsement.application.ServiceTestBase;
import org.iecmh.endorsement.contracts.EndorsementLapsed;
import org.iecmh.endorsement.contracts.EndorsementReactivated;
import org.iecmh.endorsement.kit.audit.AuditMetadata;
import org.iecmh.endorsement.testkit.ApiClient.Response;
import org.iecmh.endorsement.testkit.ApiClient;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** What the requirements ask and what counts towards them, on the running service. */
public class RequirementsServiceTest extends ServiceTestBase {

    @Test
    void theRequirementsSayWhatIsMissingAndSubmissionIsRefusedWithTheSameList() {
        String id = start("Gap Person", "IFA");
        applicant.post("/api/applications/" + id + "/portfolio/trainings", Map.of("title", "Observation",
                "provider", "MassAIMH", "attendedOn", "2024-05-01", "hours", 18.5,
                "domains", List.of("THINKING", "COMMUNICATING")));

        Response requirements = applicant.get("/api/applications/" + id + "/requirements");
        Response refused = applicant.post("/api/applications/" + id + "/submission", null);

        assertThat(requirements.status()).isEqualTo(200);
        assertThat(requirements.body().findValuesAsText("requirement"))
                .containsExactly("education", "training", "references");
        assertThat(requirements.at("/1/met")).isEqualTo("false");
        assertThat(requirements.at("/1/detail")).isEqualTo("18.5 of 30 training hours; no hours in Reflection");
        assertThat(refused.status()).isEqualTo(409);
        assertThat(refused.at("/rule")).isEqualTo("requirements-unmet");
        assertThat(refused.body().get("unmet").findValuesAsText("detail"))
                .containsExactly(requirements.at("/0/detail"), requirements.at("/1/detail"),
                        requirements.at("/2/detail"));
        assertThat(requirements.at("/2/detail")).isEqualTo("0 of 3 references count; name 3 more raters");
        assertThat(eventTypes(id)).containsExactly("ApplicationStarted", "PortfolioEntryRecorded");
    }

    @Test
    void supervisionFromAProviderWhoIsNotEndorsedDoesNotCount() {
        String id = start("Supervised Person", "IFS");
        applicant.post("/api/applications/" + id + "/portfolio/supervision", Map.of("heldOn", "2026-06-01",
                "hours", 10, "format", "INDIVIDUAL", "providerEndorsementNumber", "MA-999999"));

        Response requirements = applicant.get("/api/applications/" + id + "/requirements");

        assertThat(requirements.body().findValuesAsText("detail")).contains("0 of 24 hours of reflective supervision "
                + "in the last 24 months from endorsed providers; 10 hours from providers not endorsed on the "
                + "session date do not count");
    }

    @Test
    void supervisionCountsOnlyWhileTheProvidersEndorsementStood() {
        ApiClient admin = ApiClient.onPort(port).as("ma", "admin-1", "TENANT_ADMIN");
        admin.post("/api/applications/prior-endorsements", Map.of("endorsementNumber", "MA-P-0177",
                "subject", "provider-lee", "name", "Lee Park", "category", "IMHS", "endorsedSince", "2019-01-01"));
        String id = start("Supervised Person", "IFS");
        for (String day : List.of("2026-03-01", "2026-06-01")) {
            applicant.post("/api/applications/" + id + "/portfolio/supervision", Map.of("heldOn", day, "hours", 10,
                    "format", "INDIVIDUAL", "providerEndorsementNumber", "MA-P-0177"));
        }
        String requirements = "/api/applications/" + id + "/requirements";
        assertThat(applicant.get(requirements).text()).contains("20 of 24 hours of reflective supervision");

        EndorsementLapsed lapsed = new EndorsementLapsed("ma", "MA-P-0177", Instant.parse("2026-05-01T00:00:00Z"));
        var lapse = new GenericEventMessage<>(lapsed, Map.of(AuditMetadata.TENANT, "ma"));
        publisher.publish(lapsed, lapse);
        publisher.publish(lapsed, lapse);
        await().atMost(Duration.ofSeconds(30)).until(() -> applicant.get(requirements).text()
                .contains("10 of 24 hours of reflective supervision"));
        assertThat(applicant.get(requirements).text())
                .contains("10 hours from providers not endorsed on the session date do not count");

        EndorsementReactivated back = new EndorsementReactivated("ma", "MA-P-0177",
                Instant.parse("2026-05-15T00:00:00Z"), LocalDate.of(2027, 12, 31));
        publisher.publish(back, new GenericEventMessage<>(back, Map.of(AuditMetadata.TENANT, "ma")));
        await().atMost(Duration.ofSeconds(30)).until(() -> applicant.get(requirements).text()
                .contains("20 of 24 hours of reflective supervision"));
    }

    @Test
    void supervisionFromAnEndorsedReflectiveSupervisorOfAnyCategoryCounts() {
        ApiClient admin = ApiClient.onPort(port).as("ma", "admin-1", "TENANT_ADMIN");
        Response ers = admin.post("/api/applications/prior-endorsements", Map.of("endorsementNumber", "MA-P-0178",
                "subject", "provider-ers", "name", "Ers Holder", "category", "IFS", "endorsedSince", "2019-01-01",
                "addOns", List.of("ERS")));
        Response noAddOn = admin.post("/api/applications/prior-endorsements", Map.of("endorsementNumber",
                "MA-P-0179", "subject", "provider-ifs", "name", "Ifs Holder", "category", "IFS", "endorsedSince",
                "2019-01-01"));
        Response unknown = admin.post("/api/applications/prior-endorsements", Map.of("endorsementNumber",
                "MA-P-0180", "subject", "provider-x", "name", "X Holder", "category", "IFS", "endorsedSince",
                "2019-01-01", "addOns", List.of("XYZ")));
        assertThat(ers.status()).as(ers.text()).isEqualTo(201);
        assertThat(noAddOn.status()).isEqualTo(201);
        assertThat(unknown.status()).isEqualTo(400);
        assertThat(unknown.at("/errors/0/field")).isEqualTo("addOns");
        String id = start("Supervised Person", "IFS");
        applicant.post("/api/applications/" + id + "/portfolio/supervision", Map.of("heldOn", "2026-03-01",
                "hours", 10, "format", "INDIVIDUAL", "providerEndorsementNumber", "MA-P-0178"));
        applicant.post("/api/applications/" + id + "/portfolio/supervision", Map.of("heldOn", "2026-04-01",
                "hours", 4, "format", "INDIVIDUAL", "providerEndorsementNumber", "MA-P-0179"));

        assertThat(applicant.get("/api/applications/" + id + "/requirements").text())
                .contains("10 of 24 hours of reflective supervision")
                .contains("4 hours from providers not endorsed on the session date do not count");
    }

}
