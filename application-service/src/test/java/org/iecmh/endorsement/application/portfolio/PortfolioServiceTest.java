package org.iecmh.endorsement.application.portfolio;

import org.iecmh.endorsement.application.ServiceTestBase;
import org.iecmh.endorsement.testkit.ApiClient.Response;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The portfolio: entries recorded, corrected, removed and refused, on the running service. */
public class PortfolioServiceTest extends ServiceTestBase {

    @Test
    void anEntrySentAgainWithItsIdempotencyKeyEvenWhileTheFirstIsOnItsWayIsRecordedOnce() throws Exception {
        String id = start("Retry Portfolio", "IFA");
        String education = "/api/applications/" + id + "/portfolio/education";

        List<Response> answers = new ArrayList<>(twoAtOnce(() -> applicant.post(education, DEGREE,
                Map.of("Idempotency-Key", "degree-1"))));
        answers.add(applicant.post(education, DEGREE, Map.of("Idempotency-Key", "degree-1")));

        assertThat(answers).allSatisfy(answer -> assertThat(answer.status()).as(answer.text()).isEqualTo(201));
        assertThat(answers.stream().map(answer -> answer.at("/entryId")).distinct()).hasSize(1);
        assertThat(applicant.get("/api/applications/" + id + "/portfolio").body()).hasSize(1);
        assertThat(applicant.post(education, DEGREE, Map.of("Idempotency-Key", "degree-2")).status()).isEqualTo(201);
        assertThat(applicant.get("/api/applications/" + id + "/portfolio").body()).hasSize(2);
        assertThat(eventTypes(id)).containsExactly("ApplicationStarted", "PortfolioEntryRecorded",
                "PortfolioEntryRecorded");
    }

    @Test
    void portfolioEntriesAreCorrectedAndRemovedAndBadEntriesStoreNothing() {
        String id = start("Careful Person", "IFA");
        String entry = applicant.post("/api/applications/" + id + "/portfolio/education", DEGREE).at("/entryId");

        Response corrected = applicant.put("/api/applications/" + id + "/portfolio/education/" + entry,
                Map.of("degree", "BACHELOR", "field", "Psychology", "institution", "UMass", "year", 2019));
        Response bad = applicant.post("/api/applications/" + id + "/portfolio/trainings", Map.of("title", "",
                "provider", "X", "attendedOn", "2999-01-01", "hours", 0.25, "domains", List.of()));

        assertThat(corrected.status()).isEqualTo(200);
        assertThat(applicant.get("/api/applications/" + id + "/portfolio").at("/0/entry/degree"))
                .isEqualTo("BACHELOR");
        assertThat(bad.status()).isEqualTo(400);
        List<String> broken = new ArrayList<>();
        bad.body().get("errors").forEach(e -> broken.add(e.get("field").asText() + ":" + e.get("rule").asText()));
        assertThat(broken).containsExactlyInAnyOrder("title:NotBlank", "hours:DecimalMin", "hours:Digits",
                "domains:NotEmpty");
        assertThat(applicant.delete("/api/applications/" + id + "/portfolio/" + entry).status()).isEqualTo(204);
        assertThat(applicant.get("/api/applications/" + id + "/portfolio").body()).isEmpty();
        assertThat(eventTypes(id)).containsExactly("ApplicationStarted", "PortfolioEntryRecorded",
                "PortfolioEntryCorrected", "PortfolioEntryRemoved");
    }

    @Test
    void datesBefore1900OrFarAheadAndWorkEndingBeforeItStartsAreRefusedNamingTheFieldAndStoreNothing() {
        String id = start("Dated Person", "IFA");
        String portfolio = "/api/applications/" + id + "/portfolio";
        int before = jdbc.queryForObject("SELECT count(*) FROM domain_event_entry", Integer.class);

        Map<String, Response> refused = new LinkedHashMap<>();
        refused.put("attendedOn", applicant.post(portfolio + "/trainings", Map.of("title", "Old", "provider", "X",
                "attendedOn", "1800-01-01", "hours", 2, "domains", List.of("REFLECTION"))));
        refused.put("heldOn", applicant.post(portfolio + "/supervision", Map.of("heldOn", "2999-01-01", "hours", 1,
                "format", "INDIVIDUAL", "providerEndorsementNumber", "MA-P-0102")));
        refused.put("startedOn", applicant.post(portfolio + "/work", Map.of("role", "Aide", "employer", "X",
                "startedOn", "1899-12-31", "hoursPerWeek", 20, "paid", true, "populations", List.of("INFANTS"))));
        refused.put("endedOn", applicant.post(portfolio + "/work", Map.of("role", "Aide", "employer", "X",
                "startedOn", "2020-01-01", "endedOn", "9999-12-31", "hoursPerWeek", 20, "paid", true,
                "populations", List.of("INFANTS"))));
        // Today is 2026-11-22 in Massachusetts until 05:00 UTC on the 23rd.
        CLOCK.set(Instant.parse("2026-11-23T03:00:00Z"));
        Response tomorrow = applicant.post(portfolio + "/trainings", Map.of("title", "Tomorrow", "provider", "X",
                "attendedOn", "2026-11-23", "hours", 2, "domains", List.of("REFLECTION")));
        Response backwards = applicant.post(portfolio + "/work", Map.of("role", "Aide", "employer", "X",
                "startedOn", "2021-06-01", "endedOn", "2020-06-01", "hoursPerWeek", 20, "paid", true,
                "populations", List.of("INFANTS")));

        refused.forEach((field, response) -> {
            assertThat(response.status()).as(response.text()).isEqualTo(400);
            assertThat(response.at("/errors/0/field")).isEqualTo(field);
            assertThat(response.at("/errors/0/rule")).isEqualTo("DateRange");
        });
        assertThat(tomorrow.status()).isEqualTo(400);
        assertThat(tomorrow.at("/errors/0/field")).isEqualTo("attendedOn");
        assertThat(backwards.status()).isEqualTo(400);
        assertThat(backwards.at("/errors/0/field")).isEqualTo("endedOn");
        assertThat(backwards.at("/errors/0/rule")).isEqualTo("EndBeforeStart");
        assertThat(jdbc.queryForObject("SELECT count(*) FROM domain_event_entry", Integer.class)).isEqualTo(before);
        assertThat(applicant.post(portfolio + "/trainings", Map.of("title", "Today", "provider", "X",
                "attendedOn", "2026-11-22", "hours", 2, "domains", List.of("REFLECTION"))).status()).isEqualTo(201);
    }

}
