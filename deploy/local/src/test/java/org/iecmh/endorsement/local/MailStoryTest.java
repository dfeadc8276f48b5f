package org.iecmh.endorsement.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import org.iecmh.endorsement.contracts.association.Association;
import org.iecmh.endorsement.kit.association.Associations;
import org.iecmh.endorsement.kit.mail.MailPreferences;
import org.iecmh.endorsement.testkit.ApiClient;
import org.iecmh.endorsement.testkit.ApiClient.Response;
import org.iecmh.endorsement.testkit.RealInfrastructure;
import org.iecmh.endorsement.testkit.SmtpServer;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Every mail of one Washington applicant who reads Spanish, from the membership Washington asks before anyone applies
 * to the grant, read from the SMTP server: the right recipient, language, association, subject and signature, and each
 * link opening the right page through the gateway. On the way the applicant chooses Spanish once (their requests go on
 * naming English) and a personal address, then changes that address, which takes the next mail; the association
 * switches the receipt off (none is sent) and on again; the reviewers hear of the portfolio given them and of the
 * applicant's answer to a comment. Then the endorsee asks to move to Massachusetts, whose coordinator (an address set
 * through the association's API) is mailed that the transfer waits; and the endorsee reads the list of their mail in
 * the browser, in English and Spanish, checked with axe.
 */
@Order(12)
@ExtendWith(RunningPlatform.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class MailStoryTest {

    private static final String APPLICANT = "applicant5-wa";
    private static final String NAME = "Lucía Ñúñez-Hernández";
    private static final String WASHINGTON = "Center for Early Relational Health";
    private static final String WORK = "lucia.trabajo@example.org";
    private static final String HOME = "lucia.casa@example.org";
    private static final String NEW_HOME = "lucia.nueva@example.org";
    private static final String ANA = "ana.revisora@example.org";
    private static final String KIM = "kim.reviewer@example.org";
    private static final String WA_COORDINATOR = "coordinacion.wa@example.org";
    private static final String MA_COORDINATOR = "coordination.ma@example.org";
    private static final Pattern LINK = Pattern.compile("https?://[^\\s<>\"]+");
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    @RegisterExtension
    static final Browser browser = new Browser();

    private static String number;

    @Test
    @Order(1)
    void aWashingtonApplicantReadsEveryMailFromMembershipToGrantInSpanishWhereTheyChose() throws Exception {
        RunningPlatform running = RunningPlatform.get();
        // Washington names its coordinator, and mails its own receipts for now.
        changeProfile("wa", profile -> {
            profile.set("coordinator", new ObjectMapper().createObjectNode().put("name", "Carmen Ortega Núñez")
                    .put("email", WA_COORDINATOR));
            profile.set("noticesOff", new ObjectMapper().createArrayNode().add("invoice-paid"));
        }, record -> record.noticesOff().contains("invoice-paid") && record.coordinator() != null);

        // The applicant's requests name English; she chooses Spanish once, and her personal address.
        ApiClient applicant = running.signedIn(APPLICANT, "wa").withHeaders(Map.of("Accept-Language", "en-US,en"));
        choose(applicant, HOME, "es");
        choose(running.signedIn("reviewer-wa", "wa"), ANA, "es");
        choose(running.signedIn("reviewer2-wa", "wa"), KIM, null);

        // A member first, as Washington asks; then the application, its portfolio, its raters, the submission.
        RunningPlatform.Submitted submitted = running.submittedApplication(applicant, Map.of("applicantName", NAME,
                        "category", "IFA", "contactEmail", WORK, "stateOfResidence", "WA"),
                Map.of("education", Map.of("degree", "ASSOCIATE", "field", "Desarrollo infantil",
                                "institution", "Spokane Community College", "year", 2017),
                        "trainings", Map.of("title", "Práctica reflexiva", "provider", "WA-AIMH",
                                "attendedOn", "2022-03-01", "hours", 30, "domains", List.of("REFLECTION"))),
                List.of("rita.mail@example.org", "raul.mail@example.org", "rene.mail@example.org"));
        String applicationId = submitted.applicationId();
        String invoiceId = submitted.invoiceId();
        await("four mails at home").atMost(RunningPlatform.HOP).until(() -> received(HOME).size() == 4);
        List<String> home = subjects(HOME);
        assertThat(home).contains("Su solicitud de acreditación IECMH con " + WASHINGTON,
                "Recibimos su solicitud: acreditación IECMH, " + WASHINGTON);
        assertThat(home).filteredOn(subject -> subject.startsWith("Factura ")).hasSize(2)
                .anySatisfy(subject -> assertThat(subject).startsWith("Factura " + invoiceId + ": ")
                        .contains(" con vencimiento el ").endsWith(", " + WASHINGTON));
        // The membership was paid before the fees were invoiced, and payment-service mails in order: its receipt,
        // switched off, was never written.
        assertThat(kindsMailed(applicant, "/api/payments/mail/mine")).doesNotContain("invoice-paid");

        // The receipt back on; the applicant moves to a new address: the next mail goes there.
        changeProfile("wa", profile -> profile.set("noticesOff", new ObjectMapper().createArrayNode()),
                record -> record.noticesOff().isEmpty());
        choose(applicant, NEW_HOME, "es");
        ApiClient coordinator = running.signedIn("coordinator-wa", "wa");
        JsonNode invoice = applicant.get("/api/payments/invoices?applicationId=" + applicationId).body().get(0);
        Response paid = coordinator.post("/api/payments/invoices/" + invoiceId + "/payments",
                Map.of("amountCents", invoice.at("/total/cents").asLong(), "currency", invoice.at("/total/currency")
                        .asText(), "method", "CHECK", "reference", "cheque 2201"),
                Map.of("Idempotency-Key", "mail-story-" + invoiceId));
        assertThat(paid.at("/status")).as(paid.text()).isEqualTo("PAID");
        await("the receipt").atMost(RunningPlatform.HOP).until(() -> received(NEW_HOME).size() == 1);
        assertThat(subjects(NEW_HOME)).containsExactly("Pago recibido: factura " + invoiceId + ", " + WASHINGTON);

        // Two reviewers, each mailed the portfolio in the language they chose; a comment and its answer.
        String application = "/api/applications/" + applicationId;
        await("the review").atMost(RunningPlatform.HOP)
                .until(() -> "IN_REVIEW".equals(applicant.get(application).at("/status")));
        running.reviewersEndorsedBefore("wa");
        assertThat(coordinator.post(application + "/reviewers", Map.of("reviewers",
                List.of("reviewer-wa", "reviewer2-wa"))).status()).isEqualTo(200);
        ApiClient ana = running.signedIn("reviewer-wa", "wa");
        assertThat(ana.post(application + "/comments", Map.of("section", "WORK",
                "text", "¿Con qué edades trabajó?")).status()).isEqualTo(201);
        assertThat(applicant.post(application + "/comments", Map.of("section", "WORK",
                "text", "Con bebés <3 años y sus familias")).status()).isEqualTo(201);
        for (String reviewer : List.of("reviewer-wa", "reviewer2-wa")) {
            Response reviewed = running.signedIn(reviewer, "wa").post(application + "/reviews",
                    Map.of("decision", "APPROVE"));
            assertThat(reviewed.status()).as(reviewed.text()).isLessThan(300);
        }
        Response granted = coordinator.post(application + "/approval", null);
        assertThat(granted.at("/status")).as(granted.text()).isEqualTo("GRANTED");
        number = granted.at("/endorsementNumber");

        await("the comment and the grant").atMost(RunningPlatform.HOP).until(() -> received(NEW_HOME).size() == 3);
        assertThat(subjects(NEW_HOME)).containsExactlyInAnyOrder(
                "Pago recibido: factura " + invoiceId + ", " + WASHINGTON,
                "Un comentario sobre Experiencia laboral: " + NAME + ", " + WASHINGTON,
                "Ya tiene su acreditación: " + number + ", " + WASHINGTON);
        assertThat(text(NEW_HOME, "Un comentario")).contains("Una persona revisora escribió sobre la sección "
                + "Experiencia laboral").contains("¿Con qué edades trabajó?");
        assertThat(text(NEW_HOME, "Ya tiene")).contains("válido hasta el 31 de diciembre de");
        assertThat(received(WORK)).as("nothing to the address of the application's steps").isEmpty();

        List<MimeMessage> applicantMail = new ArrayList<>(received(HOME));
        applicantMail.addAll(received(NEW_HOME));
        for (MimeMessage mail : applicantMail) {
            assertThat(mail.getAllRecipients()).extracting(Object::toString).containsAnyOf(HOME, NEW_HOME);
            assertThat(((InternetAddress) mail.getFrom()[0]).getPersonal()).isEqualTo(WASHINGTON);
            assertThat(SmtpServer.html(mail)).contains("<html lang=\"es\">");
            assertThat(SmtpServer.plainText(mail)).contains("Atentamente", WASHINGTON,
                    "Carmen Ortega Núñez, coordinación de la acreditación, " + WA_COORDINATOR);
            if (!mail.getSubject().startsWith("Factura") && !mail.getSubject().startsWith("Pago")) {
                assertThat(SmtpServer.html(mail)).contains(NAME);
            }
        }

        // The reviewers, each in the language they chose; the coordinator in Washington's first.
        await("the reviewers' mail").atMost(RunningPlatform.HOP)
                .until(() -> received(ANA).size() == 2 && received(KIM).size() == 2);
        assertThat(subjects(ANA)).containsExactlyInAnyOrder(
                "Un portafolio para revisar: Infant Family Associate (IFA), " + WASHINGTON,
                "Un comentario sobre Experiencia laboral: " + NAME + ", " + WASHINGTON);
        assertThat(subjects(KIM)).containsExactlyInAnyOrder(
                "A portfolio to review: Infant Family Associate (IFA), " + WASHINGTON,
                "A comment on Work experience: " + NAME + ", " + WASHINGTON);
        assertThat(text(ANA, "Un comentario")).contains("La persona solicitante escribió")
                .contains("Con bebés <3 años y sus familias");
        assertThat(received(ANA).stream().map(SmtpServer::html)).anySatisfy(html -> assertThat(html)
                .contains("Con bebés &lt;3 años y sus familias").doesNotContain("<3 años"));
        await("the coordinator's").atMost(RunningPlatform.HOP).until(() -> received(WA_COORDINATOR).size() == 1);
        assertThat(subjects(WA_COORDINATOR)).containsExactly(
                "A comment on Work experience: " + NAME + ", " + WASHINGTON);

        // Every link opens the right page through the gateway.
        List<MimeMessage> everything = new ArrayList<>(applicantMail);
        List.of(ANA, KIM, WA_COORDINATOR).forEach(address -> everything.addAll(received(address)));
        List<String> links = new ArrayList<>();
        for (MimeMessage mail : everything) {
            Matcher found = LINK.matcher(SmtpServer.plainText(mail));
            while (found.find()) {
                links.add(found.group());
            }
        }
        assertThat(links).contains(gateway() + "/application.html?id=" + applicationId,
                gateway() + "/pay.html?invoice=" + invoiceId,
                gateway() + "/api/payments/invoices/" + invoiceId + "/receipt",
                gateway() + "/review.html?id=" + applicationId,
                gateway() + "/endorsement.html?number=" + number,
                gateway() + "/verify.html?number=" + number,
                gateway() + "/api/registry/endorsements/" + number + "/certificate");
        for (String link : links) {
            opens(link, applicant);
        }
    }

    @Test
    @Order(2)
    void theReceivingCoordinatorIsMailedThatATransferWaits() throws Exception {
        RunningPlatform running = RunningPlatform.get();
        // The seed names no coordinator for Massachusetts: its admin sets one.
        changeProfile("ma", profile -> profile.set("coordinator", new ObjectMapper().createObjectNode()
                        .put("name", "Morgan Reyes").put("email", MA_COORDINATOR)),
                record -> record.coordinator() != null && MA_COORDINATOR.equals(record.coordinator().email()));
        ApiClient endorsee = running.signedIn(APPLICANT, "wa");
        await("the endorsement kept by renewal-service").atMost(RunningPlatform.HOP)
                .until(() -> endorsee.get("/api/endorsements/" + number).status() == 200);

        Response asked = endorsee.post("/api/endorsements/" + number + "/transfer", Map.of("toTenantId", "ma"));

        assertThat(asked.status()).as(asked.text()).isLessThan(300);
        await("the mail to Massachusetts' coordinator").atMost(RunningPlatform.HOP)
                .until(() -> received(MA_COORDINATOR).size() == 1);
        MimeMessage waiting = received(MA_COORDINATOR).get(0);
        assertThat(waiting.getSubject()).isEqualTo("A transfer waits for you: endorsement " + number + " from "
                + WASHINGTON);
        assertThat(((InternetAddress) waiting.getFrom()[0]).getPersonal())
                .isEqualTo("Massachusetts Association for Infant Mental Health");
        assertThat(SmtpServer.plainText(waiting)).contains(NAME)
                .contains("Morgan Reyes, Endorsement coordinator, " + MA_COORDINATOR);
        String link = gateway() + "/renewals.html?number=" + number;
        assertThat(SmtpServer.plainText(waiting)).contains(link);
        opens(link, endorsee);
        assertThat(running.signedIn("coordinator-ma", "ma").get("/api/endorsements/transfers").body()
                .findValuesAsText("endorsementNumber")).contains(number);
    }

    @Test
    @Order(3)
    void theEndorseeReadsTheirMailAndTheirChoiceOnTheNotificationsPageInEnglishAndSpanish() {
        browser.signIn(gateway(), APPLICANT, "/notifications.html");
        WebDriver page = browser.driver();
        browser.await("the mail listed", d -> d.findElements(By.cssSelector("#sent li")).size() == 7);
        assertThat(text("sent")).contains("Ya tiene su acreditación: " + number, "Pago recibido: factura",
                "To " + NEW_HOME, "To " + HOME, "Sent");
        assertThat(page.findElements(By.cssSelector("#sent li h3 a"))).extracting(each -> each.getAttribute("href"))
                .contains(gateway() + "/endorsement.html?number=" + number);
        browser.await("the choice shown", d -> NEW_HOME.equals(field("emailAddress").getAttribute("value")));
        assertThat(field("language").getAttribute("value")).isEqualTo("es");
        assertThat(page.findElement(By.id("account")).getText()).contains("My mail");
        Accessibility.assertNoSeriousViolations(page, "the notifications page");

        page.findElement(By.cssSelector("button[data-language=es]")).click();
        browser.await("the page in Spanish", d -> "Mi correo".equals(d.findElement(By.tagName("h1")).getText()));
        assertThat(text("sent")).contains("Enviado", "Para " + NEW_HOME);
        field("emailAddress").clear();
        field("emailAddress").sendKeys("lucia en casa");
        page.findElement(By.cssSelector("#preferences button[type=submit]")).click();
        browser.await("the refusal next to the address", d -> !text("preferences-emailAddress-error").isEmpty());
        assertThat(text("preferences-emailAddress-error")).startsWith("Escriba una dirección de correo");
        assertThat(field("emailAddress").getAttribute("aria-invalid")).isEqualTo("true");
        Accessibility.assertNoSeriousViolations(page, "the notifications page in Spanish, an address refused");
        // Nothing was stored: the choice stands.
        assertThat(RunningPlatform.get().signedIn(APPLICANT, "wa").get("/api/associations/mail-preferences/mine")
                .at("/emailAddress")).isEqualTo(NEW_HOME);
    }

    /** The person chooses their address and language; returns once every service that mails keeps the choice. */
    private static void choose(ApiClient person, String address, String language) {
        Map<String, Object> choice = new java.util.HashMap<>();
        choice.put("emailAddress", address);
        choice.put("language", language);
        Response chosen = person.put("/api/associations/mail-preferences/mine", choice);
        assertThat(chosen.status()).as(chosen.text()).isEqualTo(200);
        String subject = subjectOf(person);
        RunningPlatform running = RunningPlatform.get();
        for (String service : Platform.serviceNames()) {
            // A service that mails and reads the associations' topic (association-service publishes it).
            var context = running.platform().service(service);
            MailPreferences kept = context.getBeanProvider(MailPreferences.class).getIfAvailable();
            if (kept != null && context.getBeanProvider(Associations.class).getIfAvailable() != null) {
                await(service + " keeps the choice of " + subject).atMost(RunningPlatform.HOP).until(() -> kept
                        .of("wa", subject).map(each -> Objects.equals(each.emailAddress(), address)
                                && Objects.equals(each.language(), language)).orElse(false));
            }
        }
    }

    /** The association's admin changes its profile; returns once every service keeps the changed record. */
    private static void changeProfile(String code, Consumer<ObjectNode> change, Predicate<Association> changed) {
        RunningPlatform running = RunningPlatform.get();
        ApiClient admin = running.signedIn("admin-" + code, code);
        JsonNode record = admin.get("/api/associations/" + code).body();
        ObjectNode profile = new ObjectMapper().createObjectNode();
        for (String part : List.of("name", "state", "timeZone", "languages", "contact", "coordinator", "mailFrom",
                "noticesOff", "categories", "badgeIssuer")) {
            profile.set(part, record.get(part));
        }
        profile.set("linkLifetime", record.at("/references/linkLifetime"));
        profile.set("minimumKnownMonths", record.at("/references/minimumKnownMonths"));
        profile.set("notEnoughInformationLimit", record.at("/references/notEnoughInformationLimit"));
        change.accept(profile);
        Response saved = admin.put("/api/associations/" + code + "/profile", profile);
        assertThat(saved.status()).as(saved.text()).isEqualTo(200);
        for (String service : Platform.serviceNames()) {
            Associations view = running.platform().service(service).getBeanProvider(Associations.class)
                    .getIfAvailable();
            if (view != null) {
                await(service + " keeps " + code + "'s new profile").atMost(RunningPlatform.HOP)
                        .until(() -> view.find(code).map(changed::test).orElse(false));
            }
        }
    }

    /**
     * The link opens through the gateway: a page of the web application (public, its own script), or what the
     * person's own API call answers (a receipt, a certificate) as a PDF.
     */
    private static void opens(String link, ApiClient owner) throws IOException, InterruptedException {
        assertThat(link).startsWith(gateway() + "/");
        String path = URI.create(link).getPath();
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(link)).header("Accept", "*/*")
                .timeout(Duration.ofSeconds(30));
        if (path.startsWith("/api/")) {
            owner.identityHeaders().forEach(request::header);
        }
        HttpResponse<String> answer = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        assertThat(answer.statusCode()).as(link).isEqualTo(200);
        String type = answer.headers().firstValue("Content-Type").orElse("");
        if (path.endsWith(".html")) {
            String page = path.substring(1, path.length() - ".html".length());
            assertThat(type).as(link).startsWith("text/html");
            assertThat(answer.body()).as(link).contains("src=\"/js/" + page + ".js\"");
        } else {
            assertThat(type).as(link).startsWith("application/pdf");
        }
    }

    private static List<String> kindsMailed(ApiClient person, String path) {
        Response mine = person.get(path);
        assertThat(mine.status()).as(mine.text()).isEqualTo(200);
        return mine.body().findValuesAsText("kind");
    }

    private static List<MimeMessage> received(String address) {
        return RealInfrastructure.smtp().receivedFor(address);
    }

    private static List<String> subjects(String address) {
        return received(address).stream().map(SmtpServer::subject).toList();
    }

    /** The plain text of the one mail to {@code address} whose subject starts so. */
    private static String text(String address, String subjectStart) {
        return received(address).stream().filter(mail -> SmtpServer.subject(mail).startsWith(subjectStart))
                .map(SmtpServer::plainText).findFirst().orElseThrow();
    }

    private static String subjectOf(ApiClient client) {
        String token = client.identityHeaders().get("Authorization").substring("Bearer ".length());
        try {
            return new ObjectMapper().readTree(java.util.Base64.getUrlDecoder().decode(token.split("\\.")[1]))
                    .get("sub").asText();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static String gateway() {
        return RunningPlatform.get().gatewayUrl();
    }

    private static String text(String id) {
        return browser.driver().findElement(By.id(id)).getText();
    }

    private static WebElement field(String name) {
        return browser.driver().findElement(By.id("preferences-" + name));
    }
}
