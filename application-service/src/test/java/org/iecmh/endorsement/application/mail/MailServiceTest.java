package org.iecmh.endorsement.application.mail;

import org.axonframework.eventhandling.TrackingEventProcessor;
import org.iecmh.endorsement.application.ServiceTestBase;
import org.iecmh.endorsement.contracts.association.Association;
import org.iecmh.endorsement.kit.mail.MailTemplates;
import org.iecmh.endorsement.testkit.ApiClient.Response;
import org.iecmh.endorsement.testkit.PublishedAssociations;
import org.iecmh.endorsement.testkit.RealInfrastructure;
import org.iecmh.endorsement.testkit.SmtpServer;
import org.junit.jupiter.api.Test;

import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The mail each step sends, in the applicant's language, on the running service. */
public class MailServiceTest extends ServiceTestBase {

    @Test
    void theApplicantHearsOfEachStepInTheLanguageTheyStartedInSignedByTheAssociation() throws Exception {
        // Started from the Spanish pages: every mail about this application is in Spanish.
        applicant = applicant.withHeaders(Map.of("Accept-Language", "es-MX,es;q=0.9"));
        String mail = applicantId + "@example.org";
        String id = start("Zoë Núñez <Zo>", "IFA");
        submitAssociatePortfolio(id);
        pay(id);
        coordinator.post("/api/applications/" + id + "/reviewers", Map.of("reviewers",
                List.of("reviewer-ana", "reviewer-kim")));
        ana.post("/api/applications/" + id + "/reviews", Map.of("decision", "DEFER", "comments",
                List.of(Map.of("section", "TRAINING", "comment", "Name the provider of each training"))));
        kim.post("/api/applications/" + id + "/reviews", Map.of("decision", "DEFER", "comments",
                List.of(Map.of("section", "EDUCATION", "comment", "Add the transcript"))));
        assertThat(applicant.post("/api/applications/" + id + "/submission", null).at("/status"))
                .isEqualTo("IN_REVIEW");
        ana.post("/api/applications/" + id + "/reviews", Map.of("decision", "APPROVE"));
        kim.post("/api/applications/" + id + "/reviews", Map.of("decision", "APPROVE"));
        Response granted = coordinator.post("/api/applications/" + id + "/approval", null);
        assertThat(granted.at("/status")).as(granted.text()).isEqualTo("GRANTED");
        String number = granted.at("/endorsementNumber");

        await().atMost(Duration.ofSeconds(30)).until(() -> RealInfrastructure.smtp().receivedFor(mail).size() >= 5);
        List<MimeMessage> received = RealInfrastructure.smtp().receivedFor(mail);
        assertThat(received).extracting(MimeMessage::getSubject).containsExactly(
                "Su solicitud de acreditación IECMH con Massachusetts Association for Infant Mental Health",
                "Recibimos su solicitud: acreditación IECMH, Massachusetts Association for Infant Mental Health",
                "Su solicitud necesita cambios: acreditación IECMH, Massachusetts Association for Infant Mental Health",
                "Recibimos su solicitud revisada: acreditación IECMH, Massachusetts Association for Infant Mental "
                        + "Health",
                "Ya tiene su acreditación: " + number + ", Massachusetts Association for Infant Mental Health");
        for (MimeMessage each : received) {
            assertThat(((InternetAddress) each.getFrom()[0]).getPersonal())
                    .isEqualTo("Massachusetts Association for Infant Mental Health");
            assertThat(SmtpServer.plainText(each)).contains("Estimada/o Zoë Núñez <Zo>").contains("Atentamente");
            assertThat(SmtpServer.html(each)).contains("<html lang=\"es\">").contains("Zoë Núñez &lt;Zo&gt;")
                    .doesNotContain("<Zo>");
        }
        assertThat(SmtpServer.plainText(received.get(0)))
                .contains(LINK_BASE + "/application.html?id=" + id);
        assertThat(SmtpServer.plainText(received.get(2)))
                .contains("- Capacitaciones: Name the provider of each training")
                .contains("- Formación académica: Add the transcript");
        String welcome = SmtpServer.plainText(received.get(4));
        assertThat(welcome).contains(LINK_BASE + "/api/registry/endorsements/" + number + "/certificate")
                .contains(LINK_BASE + "/verify.html?number=" + number)
                .contains(LINK_BASE + "/endorsement.html?number=" + number)
                .contains("válido hasta el 31 de diciembre de 2027");

        // What was sent is in the applicant's own list, with the page each mail leads to.
        Response mine = applicant.get("/api/applications/mail/mine");
        assertThat(mine.status()).isEqualTo(200);
        assertThat(mine.body().findValuesAsText("link")).contains(LINK_BASE + "/application.html?id=" + id,
                LINK_BASE + "/endorsement.html?number=" + number);
        assertThat(mine.body().findValuesAsText("language")).containsOnly("es");
        // Handled again, the steps mail nothing more.
        TrackingEventProcessor applicantMail = processing.eventProcessor("applicant-mail",
                TrackingEventProcessor.class).orElseThrow();
        applicantMail.shutDown();
        applicantMail.resetTokens();
        applicantMail.start();
        String other = start("Next Applicant", "IFA");
        await().atMost(Duration.ofSeconds(60)).until(() -> jdbc.queryForObject(
                "SELECT count(*) FROM mail_outbox WHERE link = ? AND status = 'SENT'", Integer.class,
                LINK_BASE + "/application.html?id=" + other) == 1);
        // Five mails of the first application, and the welcome of the next: nothing twice.
        assertThat(RealInfrastructure.smtp().receivedFor(mail)).hasSize(6);
    }

    @Test
    void reviewersAndScorersHearOfTheWorkGivenThemAndEachSideOfAConversationHearsTheOther() throws Exception {
        // The association recorded the reviewers' endorsements without an address: Ana names one and reads Spanish,
        // Lee names one; Kim names none and is not mailed.
        String anaMail = "ana." + UUID.randomUUID().toString().substring(0, 8) + "@home.example.org";
        String leeMail = "lee." + UUID.randomUUID().toString().substring(0, 8) + "@home.example.org";
        PublishedAssociations.publishMailPreferences(environment, "ma", "reviewer-ana", anaMail, "es");
        PublishedAssociations.publishMailPreferences(environment, "ma", "scorer-lee", leeMail, null);
        String id = specialistApprovedByReviewers();

        await().atMost(Duration.ofSeconds(30)).until(() -> !RealInfrastructure.smtp().receivedFor(anaMail).isEmpty());
        MimeMessage review = RealInfrastructure.smtp().receivedFor(anaMail).get(0);
        assertThat(review.getSubject()).startsWith("Un portafolio para revisar: ").contains("(IMHS)")
                .endsWith("Massachusetts Association for Infant Mental Health");
        assertThat(SmtpServer.plainText(review)).contains("el portafolio de Exam Candidate")
                .contains(LINK_BASE + "/review.html?id=" + id);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM mail_outbox WHERE kind = 'review-assigned' AND person = ?"
                + " AND link = ?", Integer.class, "reviewer-kim", LINK_BASE + "/review.html?id=" + id)).isZero();

        // The scorers know the candidate by a code, never the name.
        assertThat(coordinator.post("/api/applications/" + id + "/exam", Map.of("sittingOn", "2027-01-15"))
                .status()).isEqualTo(200);
        String code = assignScorers(id);
        await().atMost(Duration.ofSeconds(30)).until(() -> !RealInfrastructure.smtp().receivedFor(leeMail).isEmpty());
        MimeMessage scoring = RealInfrastructure.smtp().receivedFor(leeMail).get(0);
        assertThat(scoring.getSubject()).isEqualTo("An exam to score: candidate " + code
                + ", Massachusetts Association for Infant Mental Health");
        assertThat(SmtpServer.plainText(scoring)).contains("sat on January 15, 2027")
                .contains(LINK_BASE + "/console.html").doesNotContain("Exam Candidate");

        // A reviewer writes, the applicant answers, the reviewer writes again: each side hears the other, not itself.
        String comments = "/api/applications/" + id + "/comments";
        assertThat(ana.post(comments, Map.of("section", "WORK", "text", "Which ages did you serve?")).status())
                .isEqualTo(201);
        assertThat(applicant.post(comments, Map.of("section", "WORK", "text", "Infants <3 and their parents"))
                .status()).isEqualTo(201);
        assertThat(ana.post(comments, Map.of("section", "WORK", "text", "Thank you")).status()).isEqualTo(201);

        String mail = applicantId + "@example.org";
        await().atMost(Duration.ofSeconds(30)).until(() -> commentsTo(mail).size() == 2);
        assertThat(commentsTo(mail)).extracting(MimeMessage::getSubject).containsOnly(
                "A comment on Work experience: Exam Candidate, Massachusetts Association for Infant Mental Health");
        assertThat(SmtpServer.plainText(commentsTo(mail).get(0))).contains("A reviewer wrote about the section "
                + "Work experience").contains("Which ages did you serve?")
                .contains(LINK_BASE + "/application.html?id=" + id);
        assertThat(SmtpServer.plainText(commentsTo(mail).get(1))).contains("Thank you");
        await().atMost(Duration.ofSeconds(30)).until(() -> commentsTo(anaMail).size() == 1);
        MimeMessage answer = commentsTo(anaMail).get(0);
        assertThat(answer.getSubject()).startsWith("Un comentario sobre Experiencia laboral: Exam Candidate");
        assertThat(SmtpServer.plainText(answer)).contains("La persona solicitante escribió")
                .contains("Infants <3 and their parents").contains(LINK_BASE + "/review.html?id=" + id);
        assertThat(SmtpServer.html(answer)).contains("Infants &lt;3 and their parents");
    }

    @Test
    void everyNoticeHasATemplateInEachLanguageNamingTheSameValues() {
        assertThat(MailTemplates.problems()).isEmpty();
    }

}
