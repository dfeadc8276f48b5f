package org.iecmh.endorsement.application.references;

import org.iecmh.endorsement.application.ServiceTestBase;
import org.iecmh.endorsement.contracts.association.Association;
import org.iecmh.endorsement.testkit.ApiClient.Response;
import org.iecmh.endorsement.testkit.ApiClient;
import org.iecmh.endorsement.testkit.RealInfrastructure;
import org.iecmh.endorsement.testkit.SmtpServer;
import org.junit.jupiter.api.Test;

import jakarta.mail.internet.MimeMessage;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Raters, their one-time links and their ratings, on the running service. */
public class ReferencesServiceTest extends ServiceTestBase {

    @Test
    void ratersAnswerByAOneTimeMailedLinkAndOnlyRatingsThatCountLetTheApplicationBeSubmitted() throws Exception {
        String id = start("Referenced Person", "IFA");
        applicant.post("/api/applications/" + id + "/portfolio/education", DEGREE);
        applicant.post("/api/applications/" + id + "/portfolio/trainings", Map.of("title", "Reflective practice",
                "provider", "MassAIMH", "attendedOn", "2022-03-01", "hours", 30, "domains", List.of("REFLECTION")));
        String dana = "dana-" + applicantId + "@example.org";
        String lee = "lee-" + applicantId + "@example.org";
        String kim = "kim-" + applicantId + "@example.org";
        String danaId = nameRater(id, "Dana Supervisor", dana, "CURRENT_SUPERVISOR", true).at("/referenceId");
        String leeId = nameRater(id, "Lee Provider", lee, "RSC_PROVIDER", false).at("/referenceId");
        String kimId = nameRater(id, "Kim Colleague", kim, "OTHER", false).at("/referenceId");
        Response badRater = applicant.post("/api/applications/" + id + "/references", Map.of("name", "",
                "email", "nobody", "relationship", "FRIEND", "waivesAccess", true));
        assertThat(badRater.status()).isEqualTo(400);
        assertThat(coordinator.post("/api/applications/" + id + "/references", Map.of("name", "C", "email",
                "c@example.org", "relationship", "OTHER", "waivesAccess", true)).status()).isEqualTo(403);

        // Each rater is mailed a link; only its hash is stored, and the secret is in no event.
        String danaLink = linkMailedTo(dana, 1);
        String leeLink = linkMailedTo(lee, 1);
        String kimLink = linkMailedTo(kim, 1);
        MimeMessage mail = RealInfrastructure.smtp().receivedFor(dana).get(0);
        assertThat(mail.getSubject()).isEqualTo("A reference for Referenced Person: IECMH Endorsement, "
                + "Massachusetts Association for Infant Mental Health");
        assertThat(SmtpServer.plainText(mail)).contains("waived access to your rating");
        // The outbox kept the mail's body, and so the secret, only until it was sent.
        await().atMost(Duration.ofSeconds(30)).until(() -> jdbc.queryForObject("SELECT count(*) FROM mail_outbox "
                + "WHERE recipient = ? AND status = 'SENT' AND text_body IS NULL AND html_body IS NULL", Integer.class,
                dana) == 1);
        for (String secret : List.of(danaLink, leeLink, kimLink)) {
            assertThat(jdbc.queryForObject("SELECT count(*) FROM event_log WHERE payload::text LIKE ? "
                    + "OR meta_data::text LIKE ?", Integer.class, "%" + secret + "%", "%" + secret + "%")).isZero();
            assertThat(jdbc.queryForObject("SELECT count(*) FROM reference_link WHERE token_hash = ?", Integer.class,
                    sha256(secret))).isEqualTo(1);
        }
        assertThat(jdbc.queryForObject("SELECT count(*) FROM reference_link WHERE token_hash = ?", Integer.class,
                danaLink)).isZero();

        // A rater needs no account: the link alone shows who asks and the form, and takes the rating once.
        ApiClient anyone = ApiClient.onPort(port);
        Response form = anyone.get("/api/references/" + danaLink);
        assertThat(form.status()).as(form.text()).isEqualTo(200);
        assertThat(form.at("/applicantName")).isEqualTo("Referenced Person");
        assertThat(form.at("/raterName")).isEqualTo("Dana Supervisor");
        assertThat(form.body().get("items").findValuesAsText("id")).isEqualTo(ITEMS);
        assertThat(rate(danaLink, 30, answers("5")).status()).isEqualTo(200);
        Response again = rate(danaLink, 30, answers("5"));
        assertThat(again.status()).isEqualTo(410);
        assertThat(again.contentType()).startsWith("application/problem+json");
        assertThat(again.at("/rule")).isEqualTo("reference-link-used");
        assertThat(anyone.get("/api/references/" + danaLink).status()).isEqualTo(410);
        assertThat(anyone.get("/api/references/" + "x".repeat(43)).status()).isEqualTo(404);
        Map<String, Object> rated = jdbc.queryForMap("SELECT meta_data ->> 'subject' AS subject, meta_data ->> 'role' "
                + "AS role, meta_data ->> 'tenantId' AS tenant FROM event_log WHERE aggregate_identifier = ? "
                + "AND payload_type LIKE '%ReferenceSubmitted'", id);
        assertThat(rated).containsEntry("subject", "reference:" + danaId).containsEntry("role", "REFERENCE_RATER")
                .containsEntry("tenant", "ma");

        // Bad answers name the field and the rule, and record nothing.
        int events = eventTypes(id).size();
        Map<String, Object> unanswered = answers("4");
        unanswered.remove("ethics");
        Response missing = rate(leeLink, 30, unanswered);
        Map<String, Object> outOfScale = answers("4");
        outOfScale.put("culture", "7");
        Response badValue = rate(leeLink, 30, outOfScale);
        Response negative = rate(leeLink, -1, answers("4"));
        assertThat(missing.status()).isEqualTo(400);
        assertThat(missing.at("/errors/0/field")).isEqualTo("answers.ethics");
        assertThat(missing.at("/errors/0/rule")).isEqualTo("required");
        assertThat(badValue.at("/errors/0/field")).isEqualTo("answers.culture");
        assertThat(badValue.at("/errors/0/rule")).isEqualTo("rating");
        assertThat(negative.at("/errors/0/field")).isEqualTo("knownForMonths");
        assertThat(negative.at("/errors/0/rule")).isEqualTo("Min");
        assertThat(eventTypes(id)).hasSize(events);

        // A rater who has known the applicant six months does not count: the applicant is told to replace them.
        assertThat(rate(leeLink, 6, answers("4")).status()).isEqualTo(200);
        String requirements = "/api/applications/" + id + "/requirements";
        assertThat(applicant.get(requirements).at("/2/detail")).isEqualTo("1 of 3 references count; the rating "
                + "from Lee Provider does not count: known less than a year; name a replacement; 1 rating has not "
                + "arrived yet");
        Response refused = applicant.post("/api/applications/" + id + "/submission", null);
        assertThat(refused.status()).isEqualTo(409);
        assertThat(refused.at("/rule")).isEqualTo("requirements-unmet");

        // A link expires; the applicant has it sent again, and the earlier link stops working.
        CLOCK.set(NOW.plus(Duration.ofDays(31)));
        Response expired = anyone.get("/api/references/" + kimLink);
        assertThat(expired.status()).isEqualTo(410);
        assertThat(expired.at("/rule")).isEqualTo("reference-link-expired");
        assertThat(rate(kimLink, 30, answers("4")).at("/rule")).isEqualTo("reference-link-expired");
        assertThat(status(id, kimId)).isEqualTo("LINK_EXPIRED");
        assertThat(applicant.post("/api/applications/" + id + "/references/" + kimId + "/link", null).at("/status"))
                .isEqualTo("INVITED");
        String kimAgain = linkMailedTo(kim, 2);
        assertThat(anyone.get("/api/references/" + kimLink).at("/rule")).isEqualTo("reference-link-replaced");
        assertThat(rate(kimAgain, 48, answers("4")).status()).isEqualTo(200);

        // Lee is replaced; the replacement's rating counts.
        String max = "max-" + applicantId + "@example.org";
        Response replacement = applicant.post("/api/applications/" + id + "/references/" + leeId + "/replacement",
                Map.of("name", "Max Mentor", "email", max, "relationship", "OTHER", "waivesAccess", false));
        assertThat(replacement.status()).as(replacement.text()).isEqualTo(201);
        assertThat(rate(linkMailedTo(max, 1), 24, answers("3")).status()).isEqualTo(200);

        // The applicant follows every rater but never reads a form they waived; staff read them all.
        Response mine = applicant.get("/api/applications/" + id + "/references");
        assertThat(mine.body().findValuesAsText("status"))
                .containsExactly("COMPLETED", "REPLACED", "COMPLETED", "COMPLETED");
        assertThat(mine.body().get(0).get("rating").isNull()).isTrue();
        assertThat(mine.body().get(2).get("rating").get("knownForMonths").asInt()).isEqualTo(48);
        Response waived = applicant.get("/api/applications/" + id + "/references/" + danaId);
        assertThat(waived.status()).isEqualTo(403);
        assertThat(waived.text()).doesNotContain("\"5\"");
        Response byCoordinator = coordinator.get("/api/applications/" + id + "/references/" + danaId);
        assertThat(byCoordinator.status()).isEqualTo(200);
        assertThat(byCoordinator.at("/rating/knownForMonths")).isEqualTo("30");
        assertThat(byCoordinator.at("/rating/answers/ethics")).isEqualTo("5");
        assertThat(coordinator.get("/api/applications/" + id + "/references").at("/0/rating/answers/ethics"))
                .isEqualTo("5");
        // Staff read each item's text in the language they asked for, in the order the form asks them.
        assertThat(byCoordinator.body().get("items").findValuesAsText("id")).isEqualTo(ITEMS);
        assertThat(byCoordinator.at("/items/8/text"))
                .isEqualTo("Follows law, regulation, agency policy and a code of ethics");
        assertThat(coordinator.withHeaders(Map.of("Accept-Language", "es-MX,es;q=0.9"))
                .get("/api/applications/" + id + "/references/" + danaId).at("/items/8/text"))
                .isEqualTo("Respeta la ley, la regulación, las políticas de la agencia y un código de ética");
        assertThat(mine.body().get(0).get("items").isNull()).isTrue();
        assertThat(ApiClient.onPort(port).as("wa", "coordinator-wa", "COORDINATOR")
                .get("/api/applications/" + id + "/references").status()).isEqualTo(404);

        Response requirementsMet = applicant.get(requirements);
        assertThat(requirementsMet.at("/2/met")).as(requirementsMet.text()).isEqualTo("true");
        assertThat(requirementsMet.at("/2/detail")).isEqualTo("3 of 3 references count");
        assertThat(applicant.post("/api/applications/" + id + "/submission", null).at("/status"))
                .isEqualTo("SUBMITTED");
    }

    @Test
    void theLinkOfARaterStillWaitedOnOnceTheApplicationIsWithdrawnSaysNoRatingIsNeeded() {
        String id = start("Withdrawn Person", "IFA");
        String ivy = "ivy-" + applicantId + "@example.org";
        assertThat(nameRater(id, "Ivy Colleague", ivy, "OTHER", true).status()).isEqualTo(201);
        String link = linkMailedTo(ivy, 1);
        ApiClient anyone = ApiClient.onPort(port);
        assertThat(anyone.get("/api/references/" + link).status()).isEqualTo(200);

        Response withdrawn = applicant.post("/api/applications/" + id + "/withdrawal", Map.of("reason", "Moving"));
        assertThat(withdrawn.at("/status")).as(withdrawn.text()).isEqualTo("WITHDRAWN");
        Response opened = anyone.get("/api/references/" + link);
        assertThat(opened.status()).isEqualTo(410);
        assertThat(opened.at("/rule")).isEqualTo("reference-not-needed");
        int events = eventTypes(id).size();
        assertThat(rate(link, 30, answers("4")).at("/rule")).isEqualTo("reference-not-needed");
        assertThat(eventTypes(id)).hasSize(events);
    }
}
