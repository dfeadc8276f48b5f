package org.iecmh.endorsement.application.exam;

import org.iecmh.endorsement.application.ServiceTestBase;
import org.iecmh.endorsement.contracts.association.Association;
import org.iecmh.endorsement.testkit.ApiClient.Response;
import org.iecmh.endorsement.testkit.RealInfrastructure;
import org.iecmh.endorsement.testkit.SmtpServer;
import org.junit.jupiter.api.Test;

import jakarta.mail.internet.MimeMessage;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The exam: sittings, blind scorers, scores and results, on the running service. */
public class ExamServiceTest extends ServiceTestBase {

    @Test
    void aMentalHealthSpecialistFailsTheExamRetakesItAfterTheIntervalAndIsGranted() {
        String id = specialistApprovedByReviewers();
        assertThat(coordinator.post("/api/applications/" + id + "/approval", null).status()).isEqualTo(409);
        Response approvedPortfolio = coordinator.get("/api/applications/" + id);
        assertThat(approvedPortfolio.at("/exam")).isEqualTo("true");
        assertThat(approvedPortfolio.at("/decidable")).isEqualTo("false");

        String exam = "/api/applications/" + id + "/exam";
        Response booked = coordinator.post(exam, Map.of("sittingOn", "2027-01-15"));
        assertThat(booked.at("/0/parts/1")).isEqualTo("VIGNETTES");
        String code = assignScorers(id);
        CLOCK.set(Instant.parse("2027-01-15T14:00:00Z"));
        score(lee, code, "MULTIPLE_CHOICE", 70);
        score(sam, code, "MULTIPLE_CHOICE", 76);
        score(lee, code, "VIGNETTES", 90);
        score(sam, code, "VIGNETTES", 88);
        Response failed = coordinator.get(exam);
        assertThat(failed.at("/0/result")).isEqualTo("FAILED");
        assertThat(failed.at("/0/partScores/MULTIPLE_CHOICE")).isEqualTo("73.0");
        assertThat(failed.at("/0/retakeFrom")).isEqualTo("2028-01-15");

        Response tooSoon = coordinator.post(exam, Map.of("sittingOn", "2027-06-01"));
        assertThat(tooSoon.status()).isEqualTo(409);
        assertThat(tooSoon.at("/rule")).isEqualTo("exam-retake-too-soon");
        coordinator.post(exam, Map.of("sittingOn", "2028-02-01"));
        String retake = assignScorers(id);
        assertThat(retake).isNotEqualTo(code);
        CLOCK.set(Instant.parse("2028-02-01T14:00:00Z"));
        score(lee, retake, "MULTIPLE_CHOICE", 85);
        score(sam, retake, "MULTIPLE_CHOICE", 83);
        score(lee, retake, "VIGNETTES", 90);
        score(sam, retake, "VIGNETTES", 92);
        assertThat(coordinator.get(exam).at("/1/result")).isEqualTo("PASSED");
        assertThat(coordinator.get("/api/applications/" + id).at("/decidable")).isEqualTo("true");
        Response granted = coordinator.post("/api/applications/" + id + "/approval", null);
        assertThat(granted.at("/status")).as(granted.text()).isEqualTo("GRANTED");

        // The candidate heard of each sitting and result, in the association's first language.
        String mail = applicantId + "@example.org";
        await().atMost(Duration.ofSeconds(30)).until(() -> RealInfrastructure.smtp().receivedFor(mail).stream()
                .anyMatch(each -> SmtpServer.subject(each).startsWith("You are endorsed")));
        List<MimeMessage> exams = RealInfrastructure.smtp().receivedFor(mail).stream()
                .filter(each -> SmtpServer.subject(each).contains("exam")).toList();
        assertThat(exams).extracting(SmtpServer::subject).containsExactly(
                "Your endorsement exam on January 15, 2027: Massachusetts Association for Infant Mental Health",
                "Your endorsement exam result: Massachusetts Association for Infant Mental Health",
                "Your endorsement exam on February 1, 2028: Massachusetts Association for Infant Mental Health",
                "You passed the endorsement exam: Massachusetts Association for Infant Mental Health");
        assertThat(SmtpServer.plainText(exams.get(1))).contains("You may take it again from January 15, 2028");
    }

    @Test
    void scorersAreAssignedSeeACandidateCodeNotANameAndScoreOnlyFromTheSittingsDate() {
        String id = specialistApprovedByReviewers();
        String exam = "/api/applications/" + id + "/exam";
        coordinator.post(exam, Map.of("sittingOn", "2027-03-02"));

        Response unassigned = lee.post(exam + "/scores", Map.of("part", "MULTIPLE_CHOICE", "percent", 90));
        assertThat(unassigned.status()).isEqualTo(409);
        assertThat(unassigned.at("/rule")).isEqualTo("not-a-scorer");
        Response ownReviewer = coordinator.post(exam + "/scorers", Map.of("scorers", List.of("scorer-lee",
                "reviewer-ana")));
        assertThat(ownReviewer.status()).isEqualTo(409);
        assertThat(ownReviewer.at("/rule")).isEqualTo("scorer-is-reviewer");
        String code = assignScorers(id);

        Response queue = lee.get("/api/applications/exam-sittings");
        assertThat(queue.status()).isEqualTo(200);
        assertThat(queue.body().findValuesAsText("candidateCode")).contains(code);
        assertThat(queue.text()).doesNotContain("Exam Candidate").doesNotContain(id).doesNotContain(applicantId);
        Response early = lee.post("/api/applications/exam-sittings/" + code + "/scores",
                Map.of("part", "MULTIPLE_CHOICE", "percent", 90));
        assertThat(early.status()).isEqualTo(409);
        assertThat(early.at("/rule")).isEqualTo("exam-not-sat-yet");
        // 2027-03-02 begins at 05:00 UTC in Massachusetts: at 03:00 UTC it is still the 1st there.
        CLOCK.set(Instant.parse("2027-03-02T03:00:00Z"));
        assertThat(lee.post("/api/applications/exam-sittings/" + code + "/scores",
                Map.of("part", "MULTIPLE_CHOICE", "percent", 90)).at("/rule")).isEqualTo("exam-not-sat-yet");
        assertThat(coordinator.get(exam).at("/0/scoresEntered")).isEqualTo("0");

        CLOCK.set(Instant.parse("2027-03-02T15:00:00Z"));
        Response scored = lee.post("/api/applications/exam-sittings/" + code + "/scores",
                Map.of("part", "MULTIPLE_CHOICE", "percent", 90));
        assertThat(scored.status()).as(scored.text()).isEqualTo(200);
        assertThat(scored.at("/scoredParts/0")).isEqualTo("MULTIPLE_CHOICE");
        assertThat(kim.post("/api/applications/exam-sittings/" + code + "/scores",
                Map.of("part", "MULTIPLE_CHOICE", "percent", 90)).status()).isEqualTo(404);
        assertThat(eventTypes(id)).containsOnlyOnce("ExamScoreRecorded");
    }

    @Test
    void aSittingIsBookedInASensibleRangeAndNeverOnADraftOrWithdrawnApplication() {
        String draft = start("Early Booker", "IMHS");
        int before = jdbc.queryForObject("SELECT count(*) FROM domain_event_entry", Integer.class);

        Response onDraft = coordinator.post("/api/applications/" + draft + "/exam", Map.of("sittingOn", "2027-03-02"));
        Response longAgo = coordinator.post("/api/applications/" + draft + "/exam", Map.of("sittingOn", "1800-01-01"));
        Response farAhead = coordinator.post("/api/applications/" + draft + "/exam", Map.of("sittingOn", "2999-01-01"));

        assertThat(onDraft.status()).as(onDraft.text()).isEqualTo(409);
        assertThat(onDraft.at("/rule")).isEqualTo("exam-needs-approved-portfolio");
        for (Response refused : List.of(longAgo, farAhead)) {
            assertThat(refused.status()).as(refused.text()).isEqualTo(400);
            assertThat(refused.at("/errors/0/field")).isEqualTo("sittingOn");
            assertThat(refused.at("/errors/0/rule")).isEqualTo("DateRange");
        }
        assertThat(jdbc.queryForObject("SELECT count(*) FROM domain_event_entry", Integer.class)).isEqualTo(before);
        applicant.post("/api/applications/" + draft + "/withdrawal", Map.of("reason", "Moving"));
        Response onWithdrawn = coordinator.post("/api/applications/" + draft + "/exam",
                Map.of("sittingOn", "2027-03-02"));
        assertThat(onWithdrawn.status()).as(onWithdrawn.text()).isEqualTo(409);
        assertThat(onWithdrawn.at("/rule")).isEqualTo("exam-needs-approved-portfolio");
        clients();
        String associate = start("Associate Booker", "IFA");
        Response onAssociateDraft = coordinator.post("/api/applications/" + associate + "/exam",
                Map.of("sittingOn", "2027-03-02"));
        assertThat(onAssociateDraft.status()).as(onAssociateDraft.text()).isEqualTo(409);
        assertThat(onAssociateDraft.at("/rule")).isEqualTo("exam-needs-approved-portfolio");
    }

}
