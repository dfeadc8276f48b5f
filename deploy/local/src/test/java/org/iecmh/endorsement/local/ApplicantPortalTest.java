package org.iecmh.endorsement.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.nimbusds.jose.JWSObject;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWKSet;
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
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chromium.ChromiumDriver;
import org.openqa.selenium.support.ui.Select;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The applicant's screens and the reference rater's form in a real headless Chromium, against the running platform:
 * an applicant starts an application (a state of residence the association does not serve is refused next to its
 * field), builds the portfolio while the list of what is still missing shrinks, names three raters who rate on the
 * page their mailed link opens, submits and sees the invoice; once the staff have paid, reviewed and granted it
 * through the APIs, the applicant sees the endorsement, its certificate and share link, and logs yearly hours.
 */
@Order(3)
@ExtendWith(RunningPlatform.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ApplicantPortalTest {

    private static final String APPLICANT = "applicant3-ma";
    private static final String NAME = "Rosa Portal";
    private static final String PROVIDER = "ana.provider@example.org";
    private static final List<String> RATERS = List.of("rita.portal@example.org", "raul.portal@example.org",
            "rene.portal@example.org");
    private static final Dimension DESKTOP = new Dimension(1024, 900);

    @RegisterExtension
    static final Browser browser = new Browser();

    private static String applicationId;
    private static String invoiceId;
    private static String number;

    @BeforeAll
    static void onADesktopInEnglish() {
        driver().manage().window().setSize(DESKTOP);
    }

    @Test
    @Order(1)
    void anApplicantStartsAnApplicationInTheirOwnStateAfterAnotherStateIsRefusedNextToItsField() {
        browser.signIn(gateway(), APPLICANT, "/portal.html");
        browser.await("the applicant's applications", page -> page.findElement(By.id("applications-none")).isDisplayed());
        assertThat(text("applications-none")).isEqualTo("You have no application yet. Start one below.");
        Accessibility.assertNoSeriousViolations(driver(), "the portal without an application");

        // The categories to choose from are those the association's public record offers, not a list in the page.
        List<String> offered = new java.util.ArrayList<>();
        RunningPlatform.get().signedIn(APPLICANT, "ma").get("/api/associations").body().forEach(association -> {
            if (association.get("code").asText().equals("ma")) {
                association.get("categories").forEach(category -> offered.add(category.asText()));
            }
        });
        assertThat(new Select(field("category")).getOptions().stream().map(option -> option.getAttribute("value"))
                .filter(value -> !value.isEmpty()).toList()).isNotEmpty().isEqualTo(offered);
        new Select(field("category")).selectByValue("IFA");
        assertThat(text("start-category-guidance")).contains("Level I, Family Associate", "30 hours",
                "three references", "birth to 3");
        field("applicantName").sendKeys(NAME);
        field("contactEmail").sendKeys("rosa.portal@example.org");
        field("stateOfResidence").sendKeys("NY");
        click("#start button[type=submit]");

        browser.await("the refusal next to the state", page -> !page.findElement(By.id("start-stateOfResidence-error"))
                .getText().isEmpty());
        assertThat(text("start-stateOfResidence-error")).startsWith("You apply to the association of the state where you live");
        assertThat(field("stateOfResidence").getAttribute("aria-invalid")).isEqualTo("true");
        assertThat(field("applicantName").getAttribute("value")).as("what was typed is kept").isEqualTo(NAME);
        Accessibility.assertNoSeriousViolations(driver(), "the portal with a refused state of residence");

        field("stateOfResidence").clear();
        field("stateOfResidence").sendKeys("MA");
        click("#start button[type=submit]");

        browser.await("the new application", page -> page.getCurrentUrl().contains("/application.html?id=")
                && page.findElement(By.id("app-heading")).getText().startsWith("My application: "));
        applicationId = driver().getCurrentUrl().replaceAll(".*[?&]id=([^&#]+).*", "$1");
        // The page sent the start with an Idempotency-Key, which names the application (a name-based id), so that a
        // start sent again after no answer starts no second one.
        assertThat(java.util.UUID.fromString(applicationId).version()).isEqualTo(3);
        assertThat(text("app-heading")).isEqualTo("My application: Infant Family Associate (IFA)");
        assertThat(text("summary-facts")).contains("Draft", NAME, "rosa.portal@example.org");
    }

    @Test
    @Order(2)
    void theApplicantAddsEducationAndTrainingsAndSeesWhatIsStillMissingShrink() throws Exception {
        browser.await("the requirement check", page -> !page.findElements(By.cssSelector("#needs li")).isEmpty());
        assertThat(missing()).hasSize(3);
        assertThat(text("needs")).contains("Education (missing)", "Training (missing)", "References (missing)");
        Accessibility.assertNoSeriousViolations(driver(), "a new application");

        click("#education-summary");
        new Select(driver().findElement(By.id("education-degree"))).selectByValue("ASSOCIATE");
        driver().findElement(By.id("education-field")).sendKeys("Early childhood");
        driver().findElement(By.id("education-institution")).sendKeys("Bunker Hill Community College");
        driver().findElement(By.id("education-year")).sendKeys("2018");
        click("#education-submit");
        browser.await("education met", page -> missing().size() == 2);
        assertThat(text("education-entries")).contains("Associate in Early childhood, Bunker Hill Community College, 2018");
        // Sent with an Idempotency-Key too: the entry's id is the one the key names.
        String entryId = RunningPlatform.get().signedIn(APPLICANT, "ma")
                .get("/api/applications/" + applicationId + "/portfolio").at("/0/entryId");
        assertThat(java.util.UUID.fromString(entryId).version()).isEqualTo(3);
        assertThat(text("app-status")).contains("Added.", "2 requirement(s) still missing.");

        // The transcript attached to the degree: a program disguised by its name is refused next to the field and
        // nothing is attached; the PDF is.
        WebElement attach = driver().findElement(By.id("attach-" + entryId));
        attach.sendKeys(file("transcript.pdf", DISGUISED).toString());
        browser.await("the disguised file refused", page -> !text("attach-" + entryId + "-error").isEmpty());
        assertThat(text("app-status")).isEqualTo("The file was not attached.");
        driver().findElement(By.id("attach-" + entryId)).sendKeys(file("transcript.pdf", TRANSCRIPT).toString());
        browser.await("the transcript attached", page -> text("app-status").equals("transcript.pdf is attached."));
        assertThat(text("education-entries")).contains("transcript.pdf");
        assertThat(RunningPlatform.get().signedIn(APPLICANT, "ma").get("/api/applications/" + applicationId
                + "/portfolio/attachments").at("/0/sha256")).isEqualTo(sha256(TRANSCRIPT));
        // Over the association's limit (20 MiB a file), through the gateway: refused naming the field and the rule,
        // and nothing more is attached.
        ApiClient applicant = RunningPlatform.get().signedIn(APPLICANT, "ma");
        byte[] scan = new byte[21 * 1024 * 1024];
        System.arraycopy(TRANSCRIPT, 0, scan, 0, TRANSCRIPT.length);
        String boundary = "too-large-" + entryId;
        HttpRequest.Builder upload = HttpRequest.newBuilder(URI.create(gateway() + "/api/applications/"
                        + applicationId + "/portfolio/" + entryId + "/attachments"))
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .header("Accept", "application/json, application/problem+json")
                .POST(HttpRequest.BodyPublishers.ofByteArrays(List.of(("--" + boundary + "\r\nContent-Disposition:"
                                + " form-data; name=\"file\"; filename=\"scan.pdf\"\r\nContent-Type: application/pdf"
                                + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII), scan,
                        ("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.US_ASCII))));
        applicant.identityHeaders().forEach(upload::header);
        HttpResponse<String> tooLarge = HttpClient.newHttpClient().send(upload.build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(tooLarge.statusCode()).as(tooLarge.body()).isEqualTo(400);
        JsonNode problem = new ObjectMapper().readTree(tooLarge.body());
        assertThat(problem.at("/errors/0/field").asText()).isEqualTo("file");
        assertThat(problem.at("/errors/0/rule").asText()).isEqualTo("FileTooLarge");
        assertThat(applicant.get("/api/applications/" + applicationId + "/portfolio/attachments").body()).hasSize(1);

        click("#trainings-summary");
        addTraining("Observation", "2024-05-01", "18.5", "THINKING");
        browser.await("the first training counted", page -> text("needs").contains("18.5 of 30"));
        assertThat(missing()).hasSize(2);

        // A mistake corrected, and an entry that does not belong removed: the check follows each change.
        entryAction("trainings-entries", "Observation", "Correct");
        assertThat(driver().findElement(By.id("trainings-hours")).getAttribute("value")).isEqualTo("18.5");
        assertThat(text("trainings-submit")).isEqualTo("Save the correction");
        driver().findElement(By.id("trainings-hours")).clear();
        driver().findElement(By.id("trainings-hours")).sendKeys("18");
        click("#trainings-submit");
        browser.await("the corrected hours counted", page -> text("needs").contains("18 of 30")
                && !text("needs").contains("18.5"));
        assertThat(text("app-status")).startsWith("Corrected.");
        addTraining("Not mine", "2024-06-01", "3", "THINKING");
        browser.await("its hours counted", page -> text("needs").contains("21 of 30"));
        entryAction("trainings-entries", "Not mine", "Remove");
        browser.await("the entry removed", page -> !text("trainings-entries").contains("Not mine"));
        browser.await("its hours no longer counted", page -> text("needs").contains("18 of 30"));

        addTraining("Reflective practice", "2025-02-01", "12", "REFLECTION");
        browser.await("training met", page -> missing().size() == 1);
        assertThat(text("needs")).contains("Training (met)", "References (missing)");
        assertThat(text("trainings-entries")).contains("Observation (MassAIMH)", "Reflective practice (MassAIMH)");
        Accessibility.assertNoSeriousViolations(driver(), "an application with education and trainings");
    }

    /**
     * A session of reflective supervision logged with a provider of the association, who is asked to confirm it:
     * the provider opens the mailed link, public, through the gateway, and confirms; the applicant's page says so.
     */
    @Test
    @Order(3)
    void theSupervisionProviderConfirmsTheSessionOnThePageTheirMailedLinkOpens() {
        RunningPlatform running = RunningPlatform.get();
        running.reviewersEndorsedBefore("ma");
        Response session = running.signedIn(APPLICANT, "ma").post("/api/applications/" + applicationId
                + "/portfolio/supervision", Map.of("heldOn", "2026-06-01", "hours", 1.5, "format", "INDIVIDUAL",
                "providerEndorsementNumber", "MA-P-0001"));
        assertThat(session.status()).as(session.text()).isEqualTo(201);
        openApplication();
        click("#confirm-summary");
        driver().findElement(By.id("confirm-providerEndorsementNumber")).sendKeys("MA-P-0001");
        driver().findElement(By.id("confirm-providerName")).sendKeys("Ana Lima");
        driver().findElement(By.id("confirm-providerEmail")).sendKeys(PROVIDER);
        click("#confirm-form button[type=submit]");
        browser.await("the provider asked", page -> text("app-status")
                .equals("Ana Lima is asked by mail to confirm your sessions."));

        await("the provider's mail").atMost(RunningPlatform.HOP)
                .until(() -> !RealInfrastructure.smtp().receivedFor(PROVIDER).isEmpty());
        Matcher link = Pattern.compile("/confirm-supervision\\.html#[A-Za-z0-9_-]+").matcher(SmtpServer.plainText(
                RealInfrastructure.smtp().receivedFor(PROVIDER).get(0)));
        assertThat(link.find()).isTrue();
        driver().get(gateway() + link.group());
        browser.await("the sessions to confirm", page -> page.findElement(By.id("confirm")).isDisplayed());
        assertThat(text("confirm-facts")).contains(NAME, "MA-P-0001");
        assertThat(driver().findElement(By.id("confirm-0-hours")).getAttribute("value")).isEqualTo("1.5");
        Accessibility.assertNoSeriousViolations(driver(), "the provider's confirmation page");
        click("#confirm button[type=submit]");
        browser.await("the answer sent", page -> page.findElement(By.id("confirm-done")).isDisplayed());
        assertThat(driver().getCurrentUrl()).doesNotContain("#");

        openApplication();
        browser.await("the confirmation shown", page -> text("confirmations").contains("Confirmed as logged"));
    }

    @Test
    @Order(4)
    void theApplicantNamesThreeRatersWhoEachRateOnThePageTheirMailedLinkOpens() {
        click("#rater-summary");
        for (String rater : RATERS) {
            driver().findElement(By.id("rater-name")).sendKeys("Rater " + rater.substring(0, 4));
            driver().findElement(By.id("rater-email")).sendKeys(rater);
            new Select(driver().findElement(By.id("rater-relationship"))).selectByValue("OTHER");
            click("#rater-waivesAccess");
            click("#rater-submit");
            browser.await("the rater " + rater + " named", page -> !page.findElements(
                    By.cssSelector("#raters li[data-rater='" + rater + "']")).isEmpty());
        }
        assertThat(text("raters")).contains("Link sent, waiting", "You waived access to this rating.");
        Accessibility.assertNoSeriousViolations(driver(), "an application with raters named");

        String firstLink = null;
        for (String rater : RATERS) {
            String link = RunningPlatform.linkMailedTo(rater);
            assertThat(link).startsWith(gateway() + "/rate.html#");
            firstLink = firstLink == null ? link : firstLink;
            driver().get(link);
            browser.await("the rating form", page -> page.findElement(By.id("rate")).isDisplayed());
            assertThat(text("rate-request")).contains(NAME, "has named you as a reference");
            assertThat(text("rate-facts")).contains("Infant Family Associate (IFA)", "Other colleague");
            if (rater.equals(RATERS.get(0))) {
                Accessibility.assertNoSeriousViolations(driver(), "the rating form");
                // Sent without an answer, the form says what is missing next to it and keeps what was typed.
                driver().findElement(By.id("rate-knownForMonths")).sendKeys("36");
                click("#rate button[type=submit]");
                browser.await("the unanswered items", page -> !page.findElement(By.id("rate-item-0-1-error"))
                        .getText().isEmpty());
                assertThat(text("rate-item-0-1-error")).isEqualTo("Choose an answer.");
                assertThat(driver().findElement(By.id("rate-knownForMonths")).getAttribute("value")).isEqualTo("36");
            } else {
                driver().findElement(By.id("rate-knownForMonths")).sendKeys("36");
            }
            driver().findElements(By.cssSelector("#rate-items input[type=radio][value='4']"))
                    .forEach(WebElement::click);
            if (rater.equals(RATERS.get(1))) {
                // The items read as the association worded them in the page's language; the answers stay chosen.
                click("button[data-language=es]");
                browser.await("the items in Spanish", page -> text("rate-item-2-legend")
                        .equals("3. Observa y escucha con atención antes de actuar"));
                click("button[data-language=en]");
                browser.await("the items in English", page -> text("rate-item-2-legend")
                        .equals("3. Observes and listens carefully before acting"));
                assertThat(driver().findElements(By.cssSelector("#rate-items input[type=radio][value='4']")))
                        .allMatch(WebElement::isSelected);
            }
            click("#rate button[type=submit]");
            browser.await("the thanks", page -> page.findElement(By.id("rate-done")).isDisplayed());
            assertThat(text("rate-done")).contains("Thank you: your rating was received.");
            assertThat(driver().getCurrentUrl()).as("the spent secret leaves the address bar").doesNotContain("#");
        }
        Accessibility.assertNoSeriousViolations(driver(), "the rating form, sent");

        driver().get(firstLink);
        browser.await("the used link explained", page -> page.findElement(By.id("rate-gone")).isDisplayed());
        assertThat(text("rate-gone")).contains("This rating has already been sent.", "works once");
        assertThat(driver().findElement(By.id("rate")).isDisplayed()).isFalse();
        Accessibility.assertNoSeriousViolations(driver(), "the rating form, link used");

        driver().get(gateway() + "/rate.html#" + "x".repeat(43));
        browser.await("the unknown link explained", page -> page.findElement(By.id("rate-gone")).isDisplayed());
        assertThat(text("rate-gone")).contains("This link is not known.");
    }

    @Test
    @Order(5)
    void theApplicantSeesTheRatingsReceivedSubmitsAndSeesTheInvoiceWithItsAmountAndAPayLink() {
        ApiClient applicant = RunningPlatform.get().signedIn(APPLICANT, "ma");
        await("the ratings recorded").atMost(RunningPlatform.HOP).until(() -> applicant.get("/api/applications/"
                + applicationId + "/references").body().findValuesAsText("status").equals(
                List.of("COMPLETED", "COMPLETED", "COMPLETED")));
        openApplication();
        browser.await("the ratings received", page -> page.findElements(By.cssSelector("#raters li")).size() == 3
                && page.findElement(By.id("raters")).getText().split("Rating received", -1).length == 4);
        assertThat(missing()).isEmpty();
        assertThat(text("needs-summary")).isEqualTo("Every requirement is met: you can submit.");

        click("#submit-form button[type=submit]");
        WebElement row = browser.await("the invoice", page -> page.findElements(By.cssSelector("#invoices tbody tr"))
                .stream().findFirst().orElse(null));
        assertThat(text("app-status")).contains("Your application was submitted.");
        assertThat(row.getText()).contains("$40.00", "To pay");
        WebElement pay = row.findElement(By.linkText("Pay"));
        invoiceId = row.getAttribute("data-invoice");
        assertThat(pay.getAttribute("href")).isEqualTo(gateway() + "/pay.html?invoice=" + invoiceId);
        assertThat(text("summary-facts")).contains("Submitted, waiting for the fees");
        assertThat(driver().findElement(By.id("submit-section")).isDisplayed()).isFalse();
        Accessibility.assertNoSeriousViolations(driver(), "a submitted application with its invoice");
    }

    @Test
    @Order(6)
    void onceGrantedTheApplicantSeesTheEndorsementItsCertificateAndShareLinkAndLogsATraining() {
        grantThroughTheApis();

        open("/portal.html");
        WebElement endorsement = browser.await("the endorsement on the portal", page -> page.findElements(
                By.cssSelector("#endorsements li")).stream().findFirst().orElse(null));
        assertThat(endorsement.getText()).contains("Endorsement " + number, "Infant Family Associate (IFA)");
        assertThat(text("applications")).contains("Endorsed");
        Accessibility.assertNoSeriousViolations(driver(), "the portal of an endorsee");

        endorsement.findElement(By.linkText("Endorsement " + number)).click();
        browser.await("the endorsement", page -> page.findElement(By.id("end-body")).isDisplayed());
        assertThat(text("end-heading")).isEqualTo("My endorsement " + number);
        assertThat(text("end-notice")).contains("Your endorsement is active.");
        assertThat(text("end-facts")).contains(NAME, number, "Infant Family Associate (IFA)");
        String certificate = driver().findElement(By.id("certificate-link")).getAttribute("href");
        assertThat(certificate).isEqualTo(gateway() + "/api/registry/endorsements/" + number + "/certificate");
        assertThat(fetched(certificate)).as("the certificate, as the browser fetches it").startsWith("application/pdf %PDF-");
        assertThat(driver().findElement(By.id("badge-link")).getAttribute("href"))
                .isEqualTo(gateway() + "/api/registry/badges/" + number);
        assertThat(driver().findElement(By.id("share-link")).getAttribute("value"))
                .isEqualTo(gateway() + "/verify.html?number=" + number);
        click("#share-copy");
        browser.await("the copy announced", page -> text("end-status").equals("The link was copied."));
        Accessibility.assertNoSeriousViolations(driver(), "the endorsement");

        // The badge to show: its picture (the signed badge baked in), LinkedIn, an email signature, in both languages.
        browser.await("the badge's picture", page -> page.findElement(By.id("badge-share")).isDisplayed()
                && Boolean.TRUE.equals(((JavascriptExecutor) page).executeScript(
                        "const i = document.getElementById('badge-image'); return i.complete && i.naturalWidth > 0;")));
        String picture = gateway() + "/api/registry/endorsements/" + number + "/badge.png";
        assertThat(driver().findElement(By.id("badge-image")).getAttribute("src")).isEqualTo(picture);
        assertThat(driver().findElement(By.id("badge-image")).getAttribute("alt"))
                .isEqualTo("IECMH Endorsement badge: Infant Family Associate (IFA), "
                        + "Massachusetts Association for Infant Mental Health");
        assertThat(fetched(driver().findElement(By.id("badge-png")).getAttribute("href"))).startsWith("image/png");
        assertThat(fetched(driver().findElement(By.id("badge-svg")).getAttribute("href"))).startsWith("image/svg+xml")
                .endsWith(" <svg ");
        String linkedIn = driver().findElement(By.id("linkedin-link")).getAttribute("href");
        assertThat(linkedIn).startsWith("https://www.linkedin.com/profile/add?startTask=CERTIFICATION_NAME")
                .contains("certId=" + number, "organizationName=Massachusetts%20Association");
        assertThat(driver().findElement(By.id("signature-text")).getAttribute("value")).isEqualTo(NAME + "\n"
                + "IECMH Endorsed: Infant Family Associate (IFA)\n"
                + "Massachusetts Association for Infant Mental Health · " + number + "\n"
                + "Verify my endorsement: " + gateway() + "/verify.html?number=" + number);
        assertThat(driver().findElement(By.id("signature-html")).getAttribute("value"))
                .contains("<img src=\"" + gateway() + "/api/registry/issuers/ma/achievements/IFA/image.png\"",
                        "href=\"" + gateway() + "/verify.html?number=" + number);
        assertThat(text("signature-preview")).contains(NAME, "IECMH Endorsed: Infant Family Associate (IFA)");
        click("#signature-text-copy");
        browser.await("the copy announced", page -> text("end-status").equals("The signature was copied."));
        Accessibility.assertNoSeriousViolations(driver(), "the endorsement's badge, LinkedIn link and signature");

        click("button[data-language=es]");
        browser.await("the signature in Spanish", page -> driver().findElement(By.id("signature-text"))
                .getAttribute("value").contains("Acreditación IECMH: "));
        assertThat(driver().findElement(By.id("signature-text")).getAttribute("value"))
                .contains("Verificar mi acreditación: ");
        assertThat(text("badge-share")).contains("Añadir a mi perfil de LinkedIn", "Firma de correo electrónico");
        assertThat(driver().findElement(By.id("badge-image")).getAttribute("alt"))
                .startsWith("Insignia de la Acreditación IECMH: ");
        Accessibility.assertNoSeriousViolations(driver(), "the endorsement's badge and signature, in Spanish");
        click("button[data-language=en]");
        browser.await("the page in English again", page -> "en".equals(
                page.findElement(By.tagName("html")).getAttribute("lang")));

        click("#training-summary");
        driver().findElement(By.id("training-title")).sendKeys("Attachment across cultures");
        // Today as Massachusetts has it: from midnight UTC until its own midnight it is still yesterday there.
        LocalDate today = LocalDate.now(ZoneId.of("America/New_York"));
        setDate("training-attendedOn", today.toString());
        driver().findElement(By.id("training-hours")).sendKeys("6");
        click("#training-submit");
        browser.await("the training logged", page -> text("activity-entries").contains("Attachment across cultures"));
        assertThat(text("activity-entries")).contains("6 hours");
        // The cycle judges the years after the grant: this year's training is logged, and said to count toward none.
        assertThat(text("years")).contains("Year " + (today.getYear() + 1), "Training hours (missing)");
        assertThat(text("activity-entries")).contains("does not count toward renewal");
        assertThat(text("end-status")).startsWith("Logged.");
        Accessibility.assertNoSeriousViolations(driver(), "the endorsement with a training logged");
    }

    @Test
    @Order(7)
    void onAPhoneTheApplicationFitsTheWidthAndInSpanishThePortalSpeaksSpanish() {
        driver().manage().window().setSize(new Dimension(390, 844));
        openApplication();
        browser.await("the review section", page -> page.findElement(By.id("review-section")).isDisplayed());
        assertThat(text("review-body")).contains("Endorsed", "See your endorsement " + number);
        assertThat(horizontalOverflow()).as("the application fits the phone's width").isFalse();
        Accessibility.assertNoSeriousViolations(driver(), "a granted application, on a phone");

        driver().manage().window().setSize(DESKTOP);
        open("/portal.html");
        click("button[data-language=es]");
        browser.await("the portal in Spanish", page -> "es".equals(page.findElement(By.tagName("html")).getAttribute("lang")));
        assertThat(text("main")).contains("Mis solicitudes y acreditaciones", "Mis acreditaciones", "Acreditada");
        assertThat(driver().getTitle()).startsWith("Mis solicitudes");
        Accessibility.assertNoSeriousViolations(driver(), "the portal in Spanish");

        // What a year of the cycle asks is worded by the page in the reader's language, not the API's English.
        open("/endorsement.html?number=" + number);
        browser.await("the yearly requirements in Spanish",
                page -> text("years").matches("(?s).*\\d+ de \\d+ horas.*"));
        assertThat(text("years")).doesNotContain(" of ", "hours");
        click("button[data-language=en]");
    }

    @Test
    @Order(8)
    void theEndorseeWhoMovesAsksForATransferToTheAssociationOfTheirNewState() {
        open("/endorsement.html?number=" + number);
        browser.await("the endorsement", page -> page.findElement(By.id("end-body")).isDisplayed());
        assertThat(text("transfer-state")).isEmpty();
        // The choice is every other association, as association-service lists them to anyone.
        JsonNode washington = null;
        List<String> others = new ArrayList<>();
        for (JsonNode association : ApiClient.at(gateway()).get("/api/associations").body()) {
            if (association.get("code").asText().equals("wa")) {
                washington = association;
            }
            if (!association.get("code").asText().equals("ma")) {
                others.add(association.get("name").asText() + " (" + association.get("state").asText() + ")");
            }
        }
        assertThat(washington).isNotNull();
        Select choice = new Select(driver().findElement(By.id("transfer-toTenantId")));
        assertThat(choice.getOptions()).extracting(WebElement::getText).containsAll(others)
                .noneMatch(option -> option.endsWith("(MA)"));
        choice.selectByValue("wa");
        click("#transfer-form button[type=submit]");
        String name = washington.get("name").asText();
        browser.await("the transfer asked", page -> text("transfer-state")
                .equals("Transfer to " + name + " asked; waiting for that association to accept it."));
        assertThat(text("end-status")).isEqualTo("The transfer was asked; the receiving association accepts it.");
        assertThat(RunningPlatform.get().signedIn(APPLICANT, "ma").get("/api/endorsements/" + number)
                .at("/transferTo")).isEqualTo("wa");
        Accessibility.assertNoSeriousViolations(driver(), "an endorsement with a transfer asked");
    }

    @Test
    @Order(9)
    void theReceivingCoordinatorFindsTheTransferWaitingOpensItAndAcceptsIt() {
        browser.signOut(gateway());
        browser.signIn(gateway(), "coordinator-wa", "/renewals.html");
        browser.await("the transfers waiting for Washington", page -> text("transfers-list").contains(number));
        driver().findElements(By.cssSelector("#transfers-list a")).stream()
                .filter(link -> link.getText().contains(number)).findFirst().orElseThrow().click();
        browser.await("the endorsement", page -> page.findElement(By.id("endorsement-heading")).getText()
                .endsWith("(" + number + ")") && page.findElement(By.id("accept-transfer-form")).isDisplayed());
        assertThat(driver().findElement(By.id("approve-renewal-form")).isDisplayed()).isFalse();
        Accessibility.assertNoSeriousViolations(driver(), "a transfer waiting to be accepted");

        click("#accept-transfer-form button[type=submit]");
        browser.await("the transfer accepted", page -> text("renewal-status").startsWith("The transfer is accepted"));
        assertThat(text("transfers-list")).doesNotContain(number).contains("No transfer is waiting.");
        assertThat(driver().findElement(By.id("accept-transfer-form")).isDisplayed()).isFalse();
        Response accepted = RunningPlatform.get().signedIn("coordinator-wa", "wa").get("/api/endorsements/" + number);
        assertThat(accepted.at("/tenantId")).as(accepted.text()).isEqualTo("wa");
        browser.signOut(gateway());
        browser.signIn(gateway(), APPLICANT, "/portal.html");
    }

    @Test
    @Order(10)
    void aReviewerOfTheApplicationOpensTheTranscriptAndGetsTheBytesThatWereAttached() throws Exception {
        Path downloads = Files.createTempDirectory("iecmh-evidence-");
        ((ChromiumDriver) driver()).executeCdpCommand("Browser.setDownloadBehavior", Map.of("behavior", "allow",
                "downloadPath", downloads.toAbsolutePath().toString()));
        browser.signOut(gateway());
        browser.signIn(gateway(), "reviewer-ma", "/review.html?id=" + applicationId);
        browser.await("the evidence", page -> text("main").contains("transcript.pdf"));
        assertThat(text("main")).contains(sha256(TRANSCRIPT));
        Accessibility.assertNoSeriousViolations(driver(), "the review page with evidence");

        driver().findElements(By.xpath("//tr[contains(., 'transcript.pdf')]//button")).get(0).click();
        Path saved = downloads.resolve("transcript.pdf");
        await("the transcript saved").atMost(Browser.PATIENCE).until(() -> Files.isRegularFile(saved)
                && Arrays.equals(Files.readAllBytes(saved), TRANSCRIPT));
        try (var files = Files.list(downloads)) {
            files.forEach(downloaded -> downloaded.toFile().delete());
        }
        Files.delete(downloads);
        browser.signOut(gateway());
        browser.signIn(gateway(), APPLICANT, "/portal.html");
    }

    @Test
    @Order(11)
    void theAuditorsSignedExportOfTheApplicantCarriesTheTranscriptWithItsHashThroughTheGateway() throws Exception {
        RunningPlatform running = RunningPlatform.get();
        String personId = running.signedIn(APPLICANT, "ma").get("/api/applications/" + applicationId)
                .at("/personId");
        ApiClient auditor = running.signedIn("auditor-ma", "ma");
        HttpRequest.Builder asked = HttpRequest.newBuilder(URI.create(gateway() + "/api/audit/applications/people/"
                + URLEncoder.encode(personId, StandardCharsets.UTF_8) + "/export"));
        auditor.identityHeaders().forEach(asked::header);
        HttpResponse<byte[]> export = HttpClient.newHttpClient().send(asked.build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertThat(export.statusCode()).isEqualTo(200);

        Map<String, byte[]> bundle = new java.util.LinkedHashMap<>();
        try (ZipInputStream zip = new ZipInputStream(new java.io.ByteArrayInputStream(export.body()))) {
            for (ZipEntry entry = zip.getNextEntry(); entry != null; entry = zip.getNextEntry()) {
                bundle.put(entry.getName(), zip.readAllBytes());
            }
        }
        assertThat(bundle.entrySet()).anySatisfy(file -> {
            assertThat(file.getKey()).startsWith("files/").endsWith("transcript.pdf");
            assertThat(file.getValue()).isEqualTo(TRANSCRIPT);
        });
        // The manifest names every file with its hash, and its signature holds with the service's published key.
        JWSObject signature = JWSObject.parse(new String(bundle.get("manifest.jws"), StandardCharsets.US_ASCII));
        ECKey key = (ECKey) JWKSet.parse(auditor.get("/api/audit/applications/signing-keys").text())
                .getKeyByKeyId(signature.getHeader().getKeyID());
        assertThat(signature.verify(new ECDSAVerifier(key))).isTrue();
        assertThat(signature.getPayload().toBytes()).isEqualTo(bundle.get("manifest.json"));
        JsonNode manifest = new ObjectMapper().readTree(bundle.get("manifest.json"));
        for (JsonNode file : manifest.get("files")) {
            assertThat(sha256(bundle.get(file.get("name").asText()))).as(file.get("name").asText())
                    .isEqualTo(file.get("sha256").asText());
        }
        assertThat(manifest.findValuesAsText("sha256")).contains(sha256(TRANSCRIPT));
    }

    /** A PDF with a name in it, and a Windows program that calls itself a PDF. */
    private static final byte[] TRANSCRIPT = ("%PDF-1.7\n% Transcript of Zoë Ñúñez, Bunker Hill Community College\n"
            + "%%EOF\n").getBytes(StandardCharsets.UTF_8);
    private static final byte[] DISGUISED = {'M', 'Z', (byte) 0x90, 0, 3, 0, 0, 0, 4, 0, 0, 0, (byte) 0xFF, (byte) 0xFF};

    /** A file of the test, named as a person would have it on their computer. */
    private static Path file(String name, byte[] bytes) {
        try {
            Path directory = Files.createTempDirectory("iecmh-upload-");
            directory.toFile().deleteOnExit();
            Path file = Files.write(directory.resolve(name), bytes);
            file.toFile().deleteOnExit();
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The staff's part, through the APIs: the coordinator records a check, two reviewers approve, the grant. */
    private static void grantThroughTheApis() {
        RunningPlatform running = RunningPlatform.get();
        ApiClient applicant = running.signedIn(APPLICANT, "ma");
        ApiClient coordinator = running.signedIn("coordinator-ma", "ma");
        String application = "/api/applications/" + applicationId;
        Response paid = coordinator.post("/api/payments/invoices/" + invoiceId + "/payments", Map.of("amountCents",
                4_000, "currency", "USD", "method", "CHECK", "reference", "check 3003"),
                Map.of("Idempotency-Key", "portal-check"));
        assertThat(paid.at("/status")).as(paid.text()).isEqualTo("PAID");
        await("the review").atMost(RunningPlatform.HOP)
                .until(() -> "IN_REVIEW".equals(applicant.get(application).at("/status")));

        number = running.grantedThroughTheApis("ma", applicationId);
    }

    private static void addTraining(String title, String attendedOn, String hours, String domain) {
        driver().findElement(By.id("trainings-title")).sendKeys(title);
        driver().findElement(By.id("trainings-provider")).sendKeys("MassAIMH");
        setDate("trainings-attendedOn", attendedOn);
        driver().findElement(By.id("trainings-hours")).sendKeys(hours);
        driver().findElement(By.cssSelector("#trainings-form input[name=domains][value=" + domain + "]")).click();
        click("#trainings-submit");
        browser.await("the training " + title + " listed", page -> text("trainings-entries").contains(title));
    }

    /** Clicks the entry's button (Correct or Remove) in a section's list. */
    private static void entryAction(String list, String entry, String action) {
        driver().findElements(By.cssSelector("#" + list + " li")).stream()
                .filter(item -> item.getText().contains(entry)).findFirst().orElseThrow()
                .findElement(By.xpath(".//button[normalize-space()='" + action + "']")).click();
    }

    /** A date input takes its value in the browser's own format when typed; set it as the page reads it. */
    private static void setDate(String id, String isoDate) {
        ((JavascriptExecutor) driver()).executeScript("arguments[0].value = arguments[1]",
                driver().findElement(By.id(id)), isoDate);
    }

    /** The content type and first bytes of what the browser gets from a URL of the gateway. */
    private static String fetched(String url) {
        return (String) ((JavascriptExecutor) driver()).executeAsyncScript("""
                const done = arguments[arguments.length - 1];
                fetch(arguments[0]).then(async r => done(r.headers.get('Content-Type') + ' '
                    + new TextDecoder().decode((await r.arrayBuffer()).slice(0, 5))))
                    .catch(e => done(String(e)));""", url);
    }

    private static List<WebElement> missing() {
        return driver().findElements(By.cssSelector("#needs li.missing"));
    }

    private static void openApplication() {
        open("/application.html?id=" + applicationId);
        browser.await("the application", page -> page.findElement(By.id("layout")).isDisplayed()
                && page.findElement(By.id("app-status")).getText().isEmpty());
    }

    private static void open(String path) {
        driver().get(gateway() + path);
        browser.await("the page's messages", page -> !page.findElements(
                By.cssSelector("button[data-language][aria-pressed=true]")).isEmpty()
                && page.findElement(By.id("account")).getText().contains(APPLICANT));
    }

    private static void click(String css) {
        driver().findElement(By.cssSelector(css)).click();
    }

    private static boolean horizontalOverflow() {
        return Boolean.TRUE.equals(((JavascriptExecutor) driver()).executeScript(
                "return document.documentElement.scrollWidth > document.documentElement.clientWidth"));
    }

    private static WebElement field(String name) {
        return driver().findElement(By.name(name));
    }

    private static String text(String id) {
        WebElement element = "main".equals(id) ? driver().findElement(By.tagName("main"))
                : driver().findElement(By.id(id));
        return element.getText();
    }

    private static String gateway() {
        return RunningPlatform.get().gatewayUrl();
    }

    private static WebDriver driver() {
        return browser.driver();
    }
}
