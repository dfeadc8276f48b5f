package org.iecmh.endorsement.local;

import org.iecmh.endorsement.testkit.ApiClient;
import org.iecmh.endorsement.testkit.ApiClient.Response;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
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
import org.openqa.selenium.support.ui.Select;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The public web application in a real headless Chromium, against the running platform: what a parent or an
 * employer does without signing in. The endorsement it looks for is granted first through the real APIs (an
 * application with a portfolio, references by mail, paid fees, two reviewers and the coordinator's grant). Each
 * screen is checked with axe-core as the browser shows it.
 */
@Order(2)
@ExtendWith(RunningPlatform.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class WebApplicationTest {

    private static final String NAME = "Inés Navegadora";
    private static final Dimension DESKTOP = new Dimension(1024, 900);

    @RegisterExtension
    static final Browser browser = new Browser();

    private static String number;

    @BeforeAll
    static void anEndorsementIsGrantedThroughTheApis() {
        RunningPlatform running = RunningPlatform.get();
        ApiClient applicant = running.signedIn("applicant2-ma", "ma");
        ApiClient coordinator = running.signedIn("coordinator-ma", "ma");
        RunningPlatform.Submitted submitted = running.submittedApplication(applicant, Map.of("applicantName", NAME,
                "category", "IFA", "contactEmail", "ines@example.org", "stateOfResidence", "MA"), Map.of(
                "education", Map.of("degree", "ASSOCIATE", "field", "Early childhood",
                        "institution", "Quinsigamond Community College", "year", 2019),
                "trainings", Map.of("title", "Reflective practice", "provider", "MassAIMH", "attendedOn",
                        "2023-03-01", "hours", 30, "domains", List.of("REFLECTION", "DIRECT_SERVICE_SKILLS"))),
                List.of("ana.web@example.org", "bo.web@example.org", "cy.web@example.org"));
        String application = "/api/applications/" + submitted.applicationId();
        String invoiceId = submitted.invoiceId();
        Response paid = coordinator.post("/api/payments/invoices/" + invoiceId + "/payments", Map.of("amountCents",
                4_000, "currency", "USD", "method", "CHECK"), Map.of("Idempotency-Key", "web-check"));
        assertThat(paid.at("/status")).as(paid.text()).isEqualTo("PAID");
        await("the review").atMost(RunningPlatform.HOP)
                .until(() -> "IN_REVIEW".equals(applicant.get(application).at("/status")));

        number = running.grantedThroughTheApis("ma", submitted.applicationId());
    }

    /** Each test starts on a desktop in the browser's own language, English here (the switcher's choice is kept). */
    @BeforeEach
    void inTheBrowsersLanguageOnADesktop() {
        driver().manage().window().setSize(DESKTOP);
        open("/");
        ((JavascriptExecutor) driver()).executeScript("localStorage.clear()");
    }

    @Test
    @Order(1)
    void aParentFindsTheEndorseeByPartOfTheNameAndSeesTheEndorsementIsActive() {
        open("/");
        assertThat(driver().getTitle()).contains("Find an endorsed professional");
        Accessibility.assertNoSeriousViolations(driver(), "the registry search");

        field("name").sendKeys("ines nav");
        new Select(field("state")).selectByValue("MA");
        new Select(field("category")).selectByValue("IFA");
        driver().findElement(By.cssSelector("#search button[type=submit]")).click();

        WebElement result = browser.await("the endorsee in the results", page -> page.findElements(
                By.cssSelector("#results .entry")).stream().filter(entry -> entry.getText().contains(NAME))
                .findFirst().orElse(null));
        assertThat(result.getText()).contains("Infant Family Associate (IFA)", "MA", number, "Valid through");
        assertThat(text("results-status")).isEqualTo("Showing results 1 to 1.");
        assertThat(driver().getCurrentUrl()).contains("name=ines+nav", "state=MA", "category=IFA");
        Accessibility.assertNoSeriousViolations(driver(), "the registry search with results");

        result.findElement(By.linkText(number)).click();
        browser.await("the verification", page -> page.findElement(By.id("verdict-notice")).getText()
                .contains("Active endorsement"));
        assertThat(driver().getCurrentUrl()).endsWith("/verify.html?number=" + number);
        assertThat(text("verdict-heading")).isEqualTo(NAME);
        assertThat(text("verdict-notice")).contains("The endorsement is current and valid through");
        assertThat(text("facts")).contains(number, "Infant Family Associate (IFA)", "Active", "Endorsed since");
        Accessibility.assertNoSeriousViolations(driver(), "the verification of an active endorsement");
    }

    @Test
    @Order(2)
    void onAPhoneASearchThatFindsNobodySaysSoAndANameTooShortIsShownNextToTheField() {
        driver().manage().window().setSize(new Dimension(390, 844));
        open("/?name=zzqq");
        browser.await("no results", page -> page.findElement(By.id("results-status")).getText()
                .startsWith("No endorsed professional matches"));
        assertThat(driver().findElements(By.cssSelector("#results .entry"))).isEmpty();
        Accessibility.assertNoSeriousViolations(driver(), "a search without results");

        field("name").clear();
        field("name").sendKeys("z");
        driver().findElement(By.cssSelector("#search button[type=submit]")).click();

        browser.await("the field's error", page -> !page.findElement(By.id("name-error")).getText().isEmpty());
        assertThat(text("name-error")).isEqualTo("Enter at least two letters of the name (at most 100).");
        assertThat(field("name").getAttribute("aria-invalid")).isEqualTo("true");
        assertThat(driver().switchTo().activeElement().getAttribute("id")).isEqualTo("name");
        assertThat(driver().findElement(By.id("results-section")).isDisplayed()).isFalse();
        assertThat(horizontalOverflow()).as("the page fits the phone's width").isFalse();
        Accessibility.assertNoSeriousViolations(driver(), "the registry search with an invalid name, on a phone");
    }

    @Test
    @Order(3)
    void theVerificationPageSpeaksSpanishWhenAskedTo() {
        open("/verify.html?number=" + number);
        browser.await("the verification", page -> page.findElement(By.id("verdict-notice")).getText()
                .contains("Active endorsement"));

        driver().findElement(By.cssSelector("button[data-language=es]")).click();

        browser.await("the page in Spanish", page -> "es".equals(page.findElement(By.tagName("html"))
                .getAttribute("lang")));
        assertThat(text("main")).contains("Verificar una acreditación", "Acreditación vigente",
                "Asociado/a en Familia e Infancia (IFA)", "Vigente hasta");
        assertThat(driver().getTitle()).startsWith("Verificar una acreditación");
        assertThat(driver().findElement(By.cssSelector("button[data-language=es]")).getAttribute("aria-pressed"))
                .isEqualTo("true");
        Accessibility.assertNoSeriousViolations(driver(), "the verification in Spanish");

        // The choice is kept for the next page.
        open("/");
        browser.await("the search in Spanish", page -> page.findElement(By.tagName("h1")).getText()
                .equals("Buscar un profesional acreditado"));
        Accessibility.assertNoSeriousViolations(driver(), "the registry search in Spanish");
    }

    @Test
    @Order(4)
    void theVerificationPageWarnsOfAnUnknownNumberAndOfARevokedEndorsement() throws Exception {
        open("/verify.html?number=MA-999999");
        browser.await("the unknown number", page -> page.findElement(By.id("verdict-heading")).getText()
                .equals("Number MA-999999 not found"));
        assertThat(text("verdict-notice")).contains("Warning: no endorsement has this number.");
        Accessibility.assertNoSeriousViolations(driver(), "the verification of an unknown number");

        field("endorsementNumber").clear();
        field("endorsementNumber").sendKeys("MA 0001!");
        driver().findElement(By.cssSelector("#verify button[type=submit]")).click();
        browser.await("the field's error", page -> !page.findElement(By.id("endorsementNumber-error"))
                .getText().isEmpty());
        assertThat(text("endorsementNumber-error")).startsWith("Enter the number as printed");
        assertThat(field("endorsementNumber").getAttribute("aria-invalid")).isEqualTo("true");

        RunningPlatform running = RunningPlatform.get();
        // A badge pasted into the page: valid now, not genuine with a byte changed, revoked once the endorsement is.
        String badge = (String) ((JavascriptExecutor) driver()).executeAsyncScript(
                "const done = arguments[arguments.length - 1];"
                        + "fetch('/api/registry/badges/' + arguments[0]).then(r => r.text()).then(done);", number);
        checkBadge(badge);
        browser.await("the badge's verdict", page -> text("badge-verdict").startsWith("Valid badge"));
        assertThat(text("badge-verdict")).contains("Endorsement number: " + number);
        Accessibility.assertNoSeriousViolations(driver(), "a valid badge checked");
        String[] parts = badge.split("\\.");
        String payload = parts[1];
        char changed = payload.charAt(payload.length() - 2) == 'A' ? 'B' : 'A';
        checkBadge(parts[0] + "." + payload.substring(0, payload.length() - 2) + changed
                + payload.charAt(payload.length() - 1) + "." + parts[2]);
        browser.await("the forgery's verdict", page -> text("badge-verdict").startsWith(
                "Warning: this is not a genuine badge."));
        // The badge's picture, as someone who received it would choose it: the page reads the badge baked in.
        Path picture = Files.createTempFile("badge-", ".png");
        HttpResponse<Path> downloaded = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(
                running.gatewayUrl() + "/api/registry/endorsements/" + number + "/badge.png")).build(),
                HttpResponse.BodyHandlers.ofFile(picture));
        assertThat(downloaded.statusCode()).isEqualTo(200);
        driver().findElement(By.id("picture")).sendKeys(picture.toAbsolutePath().toString());
        browser.await("the picture's verdict", page -> text("badge-verdict").startsWith("Valid badge"));
        assertThat(driver().findElement(By.id("credential")).getAttribute("value")).startsWith("eyJ");
        Accessibility.assertNoSeriousViolations(driver(), "a badge's picture checked");

        Response revoked = running.signedIn("coordinator-ma", "ma").post("/api/endorsements/" + number
                + "/revocation", Map.of("reason", "The browser test needs a revoked endorsement"));
        assertThat(revoked.at("/status")).as(revoked.text()).isEqualTo("REVOKED");
        await("the revocation in the registry").atMost(RunningPlatform.HOP).until(() -> "REVOKED".equals(
                ApiClient.at(running.gatewayUrl()).get("/api/registry/endorsements/" + number).at("/status")));

        open("/verify.html?number=" + number);
        browser.await("the warning", page -> page.findElement(By.id("verdict-notice")).getText()
                .contains("Warning: this endorsement was revoked"));
        assertThat(text("verdict-notice")).contains("The association revoked it on",
                "This person does not hold a current endorsement under this number.");
        assertThat(text("facts")).contains("Revoked", "Status since");
        Accessibility.assertNoSeriousViolations(driver(), "the verification of a revoked endorsement");

        checkBadge(badge);
        browser.await("the revoked badge's verdict", page -> text("badge-verdict").startsWith(
                "Warning: this badge was revoked."));
        Accessibility.assertNoSeriousViolations(driver(), "a revoked badge checked");
    }

    private static void checkBadge(String badge) {
        WebElement credential = driver().findElement(By.id("credential"));
        credential.clear();
        ((JavascriptExecutor) driver()).executeScript("arguments[0].value = arguments[1];", credential, badge);
        driver().findElement(By.cssSelector("#badge-form button[type=submit]")).click();
    }

    @Test
    @Order(5)
    void someoneSignsInWithTheProviderFromAPublicPageComesBackThereAndSignsOutOfBoth() {
        String gateway = RunningPlatform.get().gatewayUrl();
        open("/verify.html?number=" + number);
        assertThat(text("account")).isEqualTo("Sign in");

        browser.signIn(gateway, "applicant2-ma", "/verify.html?number=" + number);
        assertThat(text("account")).contains("Signed in as applicant2-ma", "Massachusetts, applicant",
                "My applications");
        // The tokens stay at the gateway: the browser holds its session cookie only, which no script reads.
        assertThat(driver().manage().getCookies()).noneMatch(cookie -> cookie.getValue().startsWith("eyJ"));
        assertThat(driver().manage().getCookieNamed("SESSION").isHttpOnly()).isTrue();
        Accessibility.assertNoSeriousViolations(driver(), "a public page, signed in");

        browser.signOut(gateway);
        // The provider's session ended too: signing in again asks for the password.
        driver().get(gateway + "/signin.html?returnTo=%2F");
        browser.await("the provider's sign-in form", page -> !page.findElements(By.name("password")).isEmpty());
    }

    private static WebDriver driver() {
        return browser.driver();
    }

    private static void open(String path) {
        driver().get(RunningPlatform.get().gatewayUrl() + path);
        // The page has loaded its messages once the switcher shows the language it chose.
        browser.await("the page's messages", page -> !page.findElements(
                By.cssSelector("button[data-language][aria-pressed=true]")).isEmpty()
                && !page.findElement(By.tagName("h1")).getText().isEmpty());
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
}
