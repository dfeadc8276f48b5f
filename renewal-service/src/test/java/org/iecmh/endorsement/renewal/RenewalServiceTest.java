package org.iecmh.endorsement.renewal;

import org.axonframework.eventhandling.GenericEventMessage;
import org.iecmh.endorsement.contracts.EndorsementGranted;
import org.iecmh.endorsement.contracts.EndorsementReactivated;
import org.iecmh.endorsement.kit.audit.AuditMetadata;
import org.iecmh.endorsement.kit.mail.MailTemplates;
import org.iecmh.endorsement.testkit.ApiClient.Response;
import org.iecmh.endorsement.testkit.ApiClient;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * renewal-service as a whole: its probes, mail templates, who sees what, the audit API and each association's day.
 */
class RenewalServiceTest extends RenewalServiceTestBase {

    @Test
    void everyNoticeHasATemplateInEachLanguageNamingTheSameValues() {
        assertThat(MailTemplates.problems()).isEmpty();
    }

    @Test
    void theReadinessProbeAnswersUp() {
        Response readiness = ApiClient.onPort(port).get("/actuator/health/readiness");

        assertThat(readiness.status()).isEqualTo(200);
        assertThat(readiness.at("/status")).isEqualTo("UP");
    }

    @Test
    void anotherEndorseeFindsNothingAndARoleThatMayNotActIsRefusedBeforeItsInputIsRead() {
        grant("ma", "MA-000071", "person-71", "IFS", LocalDate.of(2027, 12, 31));
        String endorsement = "/api/endorsements/MA-000071";
        int before = countEvents("MA-000071", "");

        // Someone else signed in as an endorsee (or any role that is not staff) finds no such endorsement.
        for (String role : List.of("ENDORSEE", "APPLICANT", "REFERENCE_RATER")) {
            ApiClient someoneElse = ApiClient.onPort(port).as("ma", "person-72", role);
            assertThat(someoneElse.get(endorsement).status()).as(role).isEqualTo(404);
            assertThat(someoneElse.get(endorsement + "/progress").status()).as(role).isEqualTo(404);
        }
        ApiClient otherEndorsee = ApiClient.onPort(port).as("ma", "person-72", "ENDORSEE");
        assertThat(otherEndorsee.post(endorsement + "/code-of-ethics", null).status()).isEqualTo(404);
        assertThat(otherEndorsee.put(endorsement + "/email-address", Map.of("emailAddress", "x@example.org"))
                .status()).isEqualTo(404);
        assertThat(ApiClient.onPort(port).as("ma", "auditor-ma", "AUDITOR").get(endorsement).status())
                .isEqualTo(200);
        // Invalid bodies: without the role, 403 and never which field is wrong.
        Response revocation = ApiClient.onPort(port).as("ma", "auditor-ma", "AUDITOR")
                .post(endorsement + "/revocation", Map.of());
        Response email = ApiClient.onPort(port).as("ma", "coordinator-ma", "COORDINATOR")
                .put(endorsement + "/email-address", Map.of("emailAddress", "not an address"));
        assertThat(revocation.status()).as(revocation.text()).isEqualTo(403);
        assertThat(revocation.at("/detail")).isEqualTo("Only a coordinator revokes an endorsement");
        assertThat(email.status()).as(email.text()).isEqualTo(403);
        assertThat(countEvents("MA-000071", "")).isEqualTo(before);
    }

    @Test
    void anAuditorSeesAnEndorsementAsItWasOnHoldAndARebuildGivesTheSameViews() {
        CLOCK.set(Instant.parse("2027-01-04T12:00:00Z"));
        grant("ma", "MA-000091", "person-91", "IMHS", LocalDate.of(2027, 12, 31));
        ApiClient endorsee = ApiClient.onPort(port).as("ma", "person-91", "APPLICANT");
        ApiClient auditor = ApiClient.onPort(port).as("ma", "auditor-ma", "AUDITOR");
        CLOCK.set(Instant.parse("2027-03-01T12:00:00Z"));
        assertThat(endorsee.post("/api/endorsements/MA-000091/inactivation", null).at("/status")).isEqualTo("INACTIVE");
        Response shownThen = endorsee.get("/api/endorsements/MA-000091");
        CLOCK.set(Instant.parse("2028-03-01T12:00:00Z"));
        assertThat(endorsee.post("/api/endorsements/MA-000091/reactivation", null).at("/status")).isEqualTo("ACTIVE");

        Response state = auditor.get("/api/audit/endorsements/MA-000091/state?at=2027-06-01T00:00:00Z");
        assertThat(state.status()).as(state.text()).isEqualTo(200);
        assertThat(state.body().get("view")).isEqualTo(shownThen.body());
        assertThat(auditor.get("/api/audit/endorsements/MA-000091/events").body().findValuesAsText("type"))
                .containsSubsequence("EndorsementActivated", "EndorsementInactivated", "EndorsementReactivated");
        assertThat(auditor.get("/api/audit/endorsements/MA-000091/verification").at("/intact")).isEqualTo("true");
        assertThat(ApiClient.onPort(port).as("wa", "auditor-wa", "AUDITOR")
                .get("/api/audit/endorsements/MA-000091/events").status()).isEqualTo(404);

        List<Map<String, Object>> before = new ArrayList<>(
                jdbc.queryForList("SELECT * FROM endorsement_view ORDER BY endorsement_number"));
        before.addAll(jdbc.queryForList("SELECT * FROM provider_period ORDER BY 1, 2, 3, 4"));
        ApiClient operator = ApiClient.onPort(port).as("ma", "operator-1", "PLATFORM_ADMIN");
        for (String readModel : List.of("endorsement-view", "reflective-supervision-providers")) {
            Response started = operator.post("/api/endorsements/read-models/" + readModel + "/rebuilds", null);
            assertThat(started.status()).as(started.text()).isEqualTo(202);
            String progress = "/api/endorsements/read-models/rebuilds/" + started.at("/id");
            await().atMost(Duration.ofSeconds(30)).until(() -> !"RUNNING".equals(operator.get(progress).at("/status")));
            assertThat(operator.get(progress).at("/status")).as(readModel).isEqualTo("DONE");
        }
        List<Map<String, Object>> after = new ArrayList<>(
                jdbc.queryForList("SELECT * FROM endorsement_view ORDER BY endorsement_number"));
        after.addAll(jdbc.queryForList("SELECT * FROM provider_period ORDER BY 1, 2, 3, 4"));
        assertThat(after).isEqualTo(before);
    }

    @Test
    void eachAssociationsDayEndsAtMidnightInItsOwnTimeZoneNotInUtc() {
        grant("ma", "MA-000131", "person-131", "IFA", LocalDate.of(2027, 12, 31));
        grant("wa", "WA-000132", "person-132", "IFA", LocalDate.of(2027, 12, 31));
        ApiClient waEndorsee = ApiClient.onPort(port).as("wa", "person-132", "APPLICANT");
        ApiClient maCoordinator = ApiClient.onPort(port).as("ma", "coordinator-ma", "COORDINATOR");

        // 4:30 pm in Seattle on September 30 is October 1 in UTC: Washington's window is not open yet.
        CLOCK.set(Instant.parse("2027-09-30T23:30:00Z"));
        schedule.sweep();
        assertThat(countEvents("WA-000132", "RenewalWindowOpened")).isZero();
        assertThat(waEndorsee.post("/api/endorsements/WA-000132/renewal", null).at("/rule"))
                .isEqualTo("renewal-window-closed");
        // A training attended "today" in Seattle is not in the future, though UTC is a day ahead.
        assertThat(waEndorsee.post("/api/endorsements/WA-000132/trainings",
                Map.of("title", "Evening session", "attendedOn", "2027-09-30", "hours", 2)).status()).isEqualTo(200);
        CLOCK.set(Instant.parse("2027-10-01T07:30:00Z"));
        schedule.sweep();
        assertThat(countEvents("WA-000132", "RenewalWindowOpened")).isEqualTo(1);

        // Massachusetts (30 days' grace after December 31): at 7:30 pm in Boston on January 30 it has not lapsed,
        // though it is January 31 in UTC; it lapses when January 31 begins in Boston.
        CLOCK.set(Instant.parse("2028-01-31T00:30:00Z"));
        schedule.sweep();
        assertThat(maCoordinator.get("/api/endorsements/MA-000131").at("/status")).isEqualTo("ACTIVE");
        CLOCK.set(Instant.parse("2028-01-31T05:30:00Z"));
        schedule.sweep();
        Response lapsed = maCoordinator.get("/api/endorsements/MA-000131");
        assertThat(lapsed.at("/status")).isEqualTo("LAPSED");
        assertThat(lapsed.at("/statusSince")).isEqualTo("2028-01-31");

        // Granted at 10 pm on December 31 in Boston (January 1 in UTC): endorsed since 2026-12-31, so 2027 is its
        // first whole year and the 2027 renewal asks for it.
        EndorsementGranted newYearsEve = new EndorsementGranted("ma", "MA-000134", "app-MA-000134", "person-134",
                "Endorsee MA-000134", "IFA", Instant.parse("2027-01-01T03:00:00Z"), LocalDate.of(2027, 12, 31), null);
        publisher.publish(newYearsEve, new GenericEventMessage<>(newYearsEve, Map.of(AuditMetadata.TENANT, "ma")));
        await().atMost(Duration.ofSeconds(30))
                .until(() -> maCoordinator.get("/api/endorsements/MA-000134").status() == 200);
        assertThat(maCoordinator.get("/api/endorsements/MA-000134").at("/endorsedSince")).isEqualTo("2026-12-31");
        assertThat(maCoordinator.get("/api/endorsements/MA-000134/progress").at("/years/0/year")).isEqualTo("2027");
    }
}
