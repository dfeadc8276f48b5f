package org.iecmh.endorsement.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.mail.internet.MimeMessage;
import org.iecmh.endorsement.testkit.ApiClient;
import org.iecmh.endorsement.testkit.ApiClient.Response;
import org.iecmh.endorsement.testkit.RealInfrastructure;
import org.iecmh.endorsement.testkit.SmtpServer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A deferral and a resubmission, each person in their own browser: the applicant's speaks Spanish, the staff's
 * English. Massachusetts' applicant hands in a portfolio through the APIs and the fees are paid; in the browser both
 * reviewers defer it, one asking in the work experience section for the work with infants and families the portfolio
 * lacks, the other writing a general note; the coordinator finds it among the returned applications. The applicant
 * reads, in Spanish, that it came back and what is asked, in the section it is about; adds the work and hands the
 * application in again, without new fees. The coordinator finds it back in review, its reviews to be made afresh,
 * and reads the return and the resubmission in its history, and the reviewers find it in their queues again; the
 * applicant's mail, in Spanish, says both. Each screen is checked with axe-core, and the applicant's pages for
 * English the Spanish should have replaced.
 */
@Order(14)
@ExtendWith(RunningPlatform.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DeferralStoryTest {

    private static final String APPLICANT = "applicant6-ma";
    private static final String NAME = "Marisol Ortiz Ñáñez";
    private static final String EMAIL = "marisol.ortiz@example.org";
    private static final String WORK_ASKED = "Añada su trabajo con bebés y sus familias: sin él no podemos valorar"
            + " su experiencia.";
    private static final String GENERAL_NOTE = "Gracias por su solicitud; con ese cambio la leeremos de nuevo.";
    private static final Pattern ENGLISH_WORDS = Pattern.compile("\\b(the|and|of|your|you|is|are|with|to)\\b",
            Pattern.CASE_INSENSITIVE);

    @RegisterExtension
    static final Browser staff = new Browser();
    @RegisterExtension
    static final Browser applicant = new Browser("es-US");

    private static String applicationId;
    /** What the applicant's pages say in Spanish, and the English that Spanish replaces, read once. */
    private static List<String> spanishMessages;
    private static List<String> englishMessages;

    @BeforeAll
    static void aPortfolioIsHandedInAndItsFeesPaidThroughTheApis() {
        RunningPlatform running = RunningPlatform.get();
        // She starts the application in Spanish, the language her mail is written in from then on.
        ApiClient marisol = running.signedIn(APPLICANT, "ma").withHeaders(Map.of("Accept-Language", "es-US,es"));
        RunningPlatform.Submitted submitted = running.submittedApplication(marisol, Map.of("applicantName", NAME,
                "category", "IFA", "contactEmail", EMAIL, "stateOfResidence", "MA"), Map.of(
                "education", Map.of("degree", "ASSOCIATE", "field", "Desarrollo infantil",
                        "institution", "Universidad Comunitaria de Holyoke", "year", 2019),
                "trainings", Map.of("title", "Práctica reflexiva", "provider", "MassAIMH",
                        "attendedOn", "2024-03-01", "hours", 30, "domains", List.of("REFLECTION"))),
                List.of("ines.aplazada@example.org", "ivan.aplazada@example.org", "irene.aplazada@example.org"));
        applicationId = submitted.applicationId();
        ApiClient coordinator = running.signedIn("coordinator-ma", "ma");
        JsonNode invoice = marisol.get("/api/payments/invoices?applicationId=" + applicationId).body().get(0);
        Response paid = coordinator.post("/api/payments/invoices/" + submitted.invoiceId() + "/payments", Map.of(
                "amountCents", invoice.at("/total/cents").asLong(), "currency", invoice.at("/total/currency").asText(),
                "method", "CHECK", "reference", "cheque 6006"), Map.of("Idempotency-Key", "deferral-story-fees"));
        assertThat(paid.at("/status")).as(paid.text()).isEqualTo("PAID");
        await("the review").atMost(RunningPlatform.HOP)
                .until(() -> "IN_REVIEW".equals(marisol.get(application()).at("/status")));
        running.reviewersEndorsedBefore("ma");
        Response assigned = coordinator.post(application() + "/reviewers", Map.of("reviewers",
                List.of("reviewer-ma", "reviewer2-ma")));
        assertThat(assigned.status()).as(assigned.text()).isEqualTo(200);
    }

    @Test
    @Order(1)
    void bothReviewersDeferThePortfolioWithTheirCommentsAndTheCoordinatorFindsItReturned() {
        defer("reviewer-ma", "WORK", WORK_ASKED);
        assertThat(staffText("status-line")).isEqualTo("Your review is recorded: Defer: return to the applicant with"
                + " comments. The application is In review.");
        staff.signOut(gateway());

        defer("reviewer2-ma", "GENERAL", GENERAL_NOTE);
        assertThat(staffText("status-line")).isEqualTo("Your review is recorded: Defer: return to the applicant with"
                + " comments. The application is Returned.");
        assertThat(staffText("facts")).contains("Returned");
        assertThat(staffText("reviews")).contains("Work experience: " + WORK_ASKED, "General: " + GENERAL_NOTE);
        assertThat(staff.driver().findElement(By.id("decision-form")).isDisplayed())
                .as("no more reviews while the applicant has it").isFalse();
        Accessibility.assertNoSeriousViolations(staff.driver(), "a portfolio both reviewers deferred");
        staff.signOut(gateway());

        staff.signIn(gateway(), "coordinator-ma", "/console.html?status=RETURNED");
        assertThat(rowOf(NAME).getText()).contains("Infant Family Associate (IFA)", "Returned");
        Accessibility.assertNoSeriousViolations(staff.driver(), "the returned applications in the work queue");
        staff.signOut(gateway());
    }

    @Test
    @Order(2)
    void theApplicantReadsInSpanishWhatTheReviewersAskInTheSectionItIsAboutAndHandsItInAgain() {
        applicant.signIn(gateway(), APPLICANT, "/application.html?id=" + applicationId);
        WebDriver page = applicant.driver();
        applicant.await("the returned application, in the browser's Spanish", p -> "es".equals(p.findElement(
                By.tagName("html")).getAttribute("lang")) && !mine("summary-notices").isEmpty());
        assertThat(page.getTitle()).isEqualTo("Mi solicitud: IFA - Acreditación IECMH");
        assertThat(mine("app-heading")).isEqualTo("Mi solicitud: Asociado/a en Familia e Infancia (IFA)");
        assertThat(mine("summary-facts")).contains("Devuelta para completar", NAME);
        assertThat(mine("summary-notices")).isEqualTo("Las personas revisoras le devolvieron el portafolio. Lea sus"
                + " comentarios más abajo, haga los cambios y vuelva a enviarlo; no hay nuevas tarifas.");
        // What is asked of the work experience stands in that section, where it is changed, and in no other.
        assertThat(mine("work-returned")).isEqualTo("Las personas revisoras le piden sobre esta sección:\n"
                + WORK_ASKED);
        assertThat(mine("education-returned") + mine("trainings-returned") + mine("references-returned")).isEmpty();
        assertThat(mine("work-none")).isEqualTo("Aún no hay nada registrado.");
        assertThat(mine("review-body")).contains("Devuelta con comentarios.", "Comentarios para usted",
                "Experiencia laboral: " + WORK_ASKED, "General: " + GENERAL_NOTE);
        assertThat(mine("submit-heading")).isEqualTo("Volver a enviar");
        assertThat(mine("submit-intro")).contains("sin nuevas tarifas");
        assertThat(mine("submit-button")).isEqualTo("Volver a enviar la solicitud");
        assertThat(englishOn(page)).as("English on the returned application in Spanish").isEmpty();
        Accessibility.assertNoSeriousViolations(page, "a returned application, in Spanish");

        page.findElement(By.id("work-summary")).click();
        page.findElement(By.id("work-role")).sendKeys("Visitadora domiciliaria");
        page.findElement(By.id("work-employer")).sendKeys("Centro Familiar Ñandú");
        ((JavascriptExecutor) page).executeScript("arguments[0].value = arguments[1]",
                page.findElement(By.id("work-startedOn")), "2019-09-01");
        page.findElement(By.id("work-hoursPerWeek")).sendKeys("30");
        page.findElement(By.id("work-paid")).click();
        page.findElement(By.cssSelector("#work-form input[name=populations][value=INFANTS]")).click();
        page.findElement(By.cssSelector("#work-form input[name=populations][value=FAMILIES]")).click();
        page.findElement(By.id("work-submit")).click();
        applicant.await("the work added", p -> mine("work-entries").contains("Visitadora domiciliaria"));
        assertThat(mine("work-entries")).contains("Visitadora domiciliaria en Centro Familiar Ñandú",
                "30 horas semanales", "Bebés", "Familias");
        assertThat(mine("app-status")).startsWith("Añadido.");

        page.findElement(By.id("submit-button")).click();
        applicant.await("the application handed in again", p -> mine("app-status")
                .equals("Su solicitud volvió a sus personas revisoras; no hay nuevas tarifas."));
        assertThat(mine("summary-facts")).contains("En revisión").doesNotContain("Devuelta");
        assertThat(mine("summary-notices") + mine("work-returned")).as("nothing is asked any more").isEmpty();
        assertThat(page.findElement(By.id("submit-section")).isDisplayed()).isFalse();
        assertThat(mine("review-body")).contains("Dos personas revisoras están leyendo su portafolio.");
        assertThat(englishOn(page)).as("English on the resubmitted application in Spanish").isEmpty();
        Accessibility.assertNoSeriousViolations(page, "a resubmitted application, in Spanish");

        // The return and the resubmission by mail, in the language she started in, with what was asked.
        await("the mail of the return and of the resubmission").atMost(RunningPlatform.HOP)
                .until(() -> mailTo(EMAIL, "Su solicitud necesita cambios: ") != null
                        && mailTo(EMAIL, "Recibimos su solicitud revisada: ") != null);
        assertThat(SmtpServer.plainText(mailTo(EMAIL, "Su solicitud necesita cambios: "))).contains(
                "le piden revisar estas secciones", "- Experiencia laboral: " + WORK_ASKED,
                "- General: " + GENERAL_NOTE, "/application.html?id=" + applicationId);
        assertThat(SmtpServer.plainText(mailTo(EMAIL, "Recibimos su solicitud revisada: ")))
                .contains("Vuelve a sus personas revisoras, sin nuevas tarifas");
    }

    @Test
    @Order(3)
    void theCoordinatorFindsItBackInReviewAndReadsTheReturnAndTheResubmissionInItsHistory() {
        staff.signIn(gateway(), "coordinator-ma", "/console.html?status=IN_REVIEW");
        assertThat(rowOf(NAME).getText()).contains("In review");
        rowOf(NAME).findElement(By.linkText(NAME)).click();
        staff.await("the application's history", page -> staffText("timeline").contains("Application handed in again"));
        assertThat(staffText("facts")).contains("In review");
        // The same reviewers read it afresh: neither has reviewed it since.
        assertThat(staffText("reviews")).contains("reviewer-ma", "reviewer2-ma").doesNotContain("Defer");
        assertThat(staffText("portfolio")).contains("Centro Familiar Ñandú");
        String history = staffText("timeline");
        assertThat(history.indexOf("Application returned to the applicant")).as(history)
                .isGreaterThan(history.indexOf("Review recorded"))
                .isLessThan(history.indexOf("Application handed in again"));
        assertThat(history).containsSubsequence("Application submitted", "Fees paid; review opened",
                "Reviewers assigned", "Application returned to the applicant", "Portfolio entry recorded",
                "Application handed in again");
        Accessibility.assertNoSeriousViolations(staff.driver(), "a resubmitted application with its history");

        // No new fees: the one invoice, paid.
        assertThat(RunningPlatform.get().signedIn("coordinator-ma", "ma")
                .get("/api/payments/invoices?applicationId=" + applicationId).body()).hasSize(1);
        staff.signOut(gateway());

        // And it waits in each reviewer's queue again.
        staff.signIn(gateway(), "reviewer2-ma", "/console.html");
        assertThat(rowOf(NAME).getText()).contains("In review");
    }

    /** The reviewer, in the browser, defers the portfolio with a comment on one section. */
    private static void defer(String reviewer, String section, String comment) {
        staff.signIn(gateway(), reviewer, "/console.html");
        staff.await("the reviewer's queue", page -> page.findElement(By.tagName("h1")).getText().equals("My reviews"));
        rowOf(NAME).findElement(By.linkText(NAME)).click();
        staff.await("the review form", page -> page.findElement(By.id("decision-form")).isDisplayed());
        WebDriver page = staff.driver();
        page.findElement(By.id("decision-defer")).click();
        page.findElement(By.id("defer-" + section)).sendKeys(comment);
        page.findElement(By.cssSelector("#decision-form button[type=submit]")).click();
        staff.await("the review recorded", p -> staffText("status-line").startsWith("Your review is recorded"));
    }

    /** The row of the staff's work queue that names the applicant, once the queue shows it. */
    private static WebElement rowOf(String name) {
        return staff.await(name + " in the queue", page -> page.findElements(By.cssSelector("#queue tbody tr"))
                .stream().filter(row -> row.getText().contains(name)).findFirst().orElse(null));
    }

    /**
     * The English the page shows where Spanish is due: the phrases of the catalogues it reads that Spanish words
     * otherwise, and English's commonest words (an API's English text where the page has no message of its own). What
     * the Spanish messages say is set aside first: some name a term of the United States in it, as "(Associate)".
     */
    private static List<String> englishOn(WebDriver page) {
        if (spanishMessages == null) {
            spanishMessages = messages("es.json", "", "portal.", "application.");
            englishMessages = englishOnly("", "portal.", "application.");
        }
        String shown = page.findElement(By.tagName("body")).getText();
        for (String spanish : spanishMessages) {
            shown = shown.replace(spanish, " ");
        }
        List<String> found = new ArrayList<>();
        for (String phrase : englishMessages) {
            if (Pattern.compile("(?<![\\p{L}\\p{N}_@.-])" + Pattern.quote(phrase) + "(?![\\p{L}\\p{N}_@-])")
                    .matcher(shown).find()) {
                found.add(phrase);
            }
        }
        ENGLISH_WORDS.matcher(shown).results().map(word -> word.group()).distinct().forEach(found::add);
        return found;
    }

    /**
     * Each message of the catalogues ({@code i18n/<catalogue>en.json}) that reads otherwise in Spanish, as the parts
     * between its placeholders: those of two words or more, and single words of five letters or more.
     */
    private static List<String> englishOnly(String... catalogues) {
        ApiClient anyone = ApiClient.at(gateway());
        List<String> phrases = new ArrayList<>();
        for (String catalogue : catalogues) {
            JsonNode english = catalogue(anyone, "/i18n/" + catalogue + "en.json");
            JsonNode spanish = catalogue(anyone, "/i18n/" + catalogue + "es.json");
            english.fields().forEachRemaining(message -> {
                if (message.getValue().asText().equals(spanish.path(message.getKey()).asText())) {
                    return;
                }
                for (String part : message.getValue().asText().split("\\{\\w+}")) {
                    String phrase = part.strip().replaceAll("^[\\p{Punct}·–\\s]+|[\\p{Punct}·–…\\s]+$", "");
                    if (phrase.contains(" ") || phrase.length() >= 5) {
                        phrases.add(phrase);
                    }
                }
            });
        }
        return phrases;
    }

    /** The parts between the placeholders of every message of the catalogues in one language, the longest first. */
    private static List<String> messages(String language, String... catalogues) {
        ApiClient anyone = ApiClient.at(gateway());
        List<String> parts = new ArrayList<>();
        for (String catalogue : catalogues) {
            catalogue(anyone, "/i18n/" + catalogue + language).elements().forEachRemaining(message -> {
                for (String part : message.asText().split("\\{\\w+}")) {
                    if (part.strip().length() >= 3) {
                        parts.add(part.strip());
                    }
                }
            });
        }
        parts.sort(Comparator.comparingInt(String::length).reversed());
        return parts;
    }

    private static JsonNode catalogue(ApiClient anyone, String path) {
        Response answer = anyone.get(path);
        assertThat(answer.status()).as(path).isEqualTo(200);
        try {
            return new ObjectMapper().readTree(answer.text());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The mail to the address whose subject starts so, if it came. */
    private static MimeMessage mailTo(String address, String subject) {
        return RealInfrastructure.smtp().receivedFor(address).stream()
                .filter(mail -> SmtpServer.subject(mail).startsWith(subject)).findFirst().orElse(null);
    }

    private static String application() {
        return "/api/applications/" + applicationId;
    }

    /** The text of an element of the applicant's page. */
    private static String mine(String id) {
        return applicant.driver().findElement(By.id(id)).getText();
    }

    private static String staffText(String id) {
        return staff.driver().findElement(By.id(id)).getText();
    }

    private static String gateway() {
        return RunningPlatform.get().gatewayUrl();
    }
}
