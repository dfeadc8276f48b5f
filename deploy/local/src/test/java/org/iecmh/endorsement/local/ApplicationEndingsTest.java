package org.iecmh.endorsement.local;

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
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The ways an application ends other than with a grant, in a real headless Chromium against the running platform.
 * A Washington applicant, once a member, starts an application, logs a position and a supervision session with the
 * entry forms (an end before the start and a session ahead of today are refused next to their fields), names a rater
 * and then someone else in their place (the first rater's link stops working), and withdraws, once the box that
 * confirms it is ticked; nothing is left to change, and the rater still waited on is told no rating is needed any
 * more. A Massachusetts application handed in through the APIs, its fees
 * paid, is denied with reasons by the coordinator on the review page; its applicant reads the reasons in Spanish on
 * the application's page and in the mail. Each screen is checked with axe-core as the browser shows it.
 */
@Order(16)
@ExtendWith(RunningPlatform.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ApplicationEndingsTest {

    private static final String APPLICANT = "applicant7-wa";
    private static final String NAME = "Inés Retirada";
    private static final String FIRST_RATER = "olga.endings@example.org";
    private static final String SECOND_RATER = "pablo.endings@example.org";
    private static final String DENIED = "applicant7-ma";
    private static final String DENIED_NAME = "Marta Denegada";
    private static final String DENIED_EMAIL = "marta.endings@example.org";
    private static final List<String> REASONS = List.of("The work history does not include infants or toddlers",
            "The references do not know the applicant's work with families");

    @RegisterExtension
    static final Browser browser = new Browser();

    private static String applicationId;
    private static String firstLink;
    private static String secondLink;
    private static String deniedId;

    @BeforeAll
    static void onADesktopInEnglish() {
        driver().manage().window().setSize(new Dimension(1024, 900));
    }

    @Test
    @Order(1)
    void anApplicantWhoIsNotYetAMemberIsToldSoAndStartsOnceTheyAre() {
        browser.signIn(gateway(), APPLICANT, "/portal.html");
        browser.await("the applications", page -> page.findElement(By.id("applications-none")).isDisplayed());
        new Select(field("category")).selectByValue("IFA");
        field("applicantName").sendKeys(NAME);
        field("contactEmail").sendKeys("ines.endings@example.org");
        field("stateOfResidence").sendKeys("WA");
        assertThat(startedFromTheForm()).isFalse();
        assertThat(text("#start .form-error")).startsWith("This association asks applicants to become members");
        Accessibility.assertNoSeriousViolations(driver(), "a start refused until the applicant is a member");

        // Washington's coordinator records the membership's dues; the start works once application-service knows.
        RunningPlatform.get().memberWhereAsked(RunningPlatform.get().signedIn(APPLICANT, "wa"));
        await("the start, once the membership is known").atMost(RunningPlatform.HOP).pollInSameThread()
                .pollInterval(Duration.ofSeconds(1)).until(ApplicationEndingsTest::startedFromTheForm);
        browser.await("the new application", page -> page.findElement(By.id("app-heading")).getText()
                .equals("My application: Infant Family Associate (IFA)"));
        applicationId = driver().getCurrentUrl().replaceAll(".*[?&]id=([^&#]+).*", "$1");
        assertThat(text("#summary-facts")).contains("Draft", NAME);
    }

    @Test
    @Order(2)
    void thePositionAndTheSupervisionSessionAreListedAsWrittenAfterAMistakeIsRefusedNextToItsField() {
        browser.await("the work experience section", page -> page.findElement(By.id("work-section")).isDisplayed());
        assertThat(text("#work-none")).isEqualTo("Nothing recorded yet.");
        click("#work-summary");
        byId("work-role").sendKeys("Home visitor");
        byId("work-employer").sendKeys("Early Head Start Yakima");
        setDate("work-startedOn", "2021-09-01");
        setDate("work-endedOn", "2020-06-30");
        byId("work-hoursPerWeek").sendKeys("32");
        click("#work-form input[name=paid]");
        click("#work-form input[name=populations][value=INFANTS]");
        click("#work-submit");
        browser.await("the end refused", page -> !text("#work-endedOn-error").isEmpty());
        assertThat(text("#work-endedOn-error")).isEqualTo("A position cannot end before it starts.");
        assertThat(byId("work-endedOn").getAttribute("aria-invalid")).isEqualTo("true");
        assertThat(driver().switchTo().activeElement().getAttribute("id")).isEqualTo("work-endedOn");
        assertThat(text("#app-status")).isEqualTo("Not saved. See the message in the form.");
        assertThat(byId("work-role").getAttribute("value")).as("what was typed stays").isEqualTo("Home visitor");
        assertThat(text("#work-entries")).isEmpty();
        Accessibility.assertNoSeriousViolations(driver(), "a position ending before it starts, refused");

        setDate("work-endedOn", "2025-06-30");
        click("#work-submit");
        browser.await("the position listed", page -> !text("#work-entries").isEmpty());
        assertThat(text("#work-entries")).startsWith("Home visitor at Early Head Start Yakima, September 1, 2021 to "
                + "June 30, 2025, 32 hours a week; Infants");
        assertThat(text("#work-endedOn-error")).isEmpty();
        assertThat(byId("work-role").getAttribute("value")).as("the form is ready for the next").isEmpty();
        browser.await("the change announced", page -> text("#app-status").startsWith("Added."));

        click("#supervision-summary");
        setDate("supervision-heldOn", "2100-01-04");
        byId("supervision-hours").sendKeys("1.5");
        new Select(byId("supervision-format")).selectByValue("INDIVIDUAL");
        byId("supervision-providerEndorsementNumber").sendKeys("WA-P-0001");
        click("#supervision-submit");
        browser.await("the date refused", page -> !text("#supervision-heldOn-error").isEmpty());
        assertThat(text("#supervision-heldOn-error")).isEqualTo("Enter a date from 1900 up to today.");
        assertThat(byId("supervision-heldOn").getAttribute("aria-invalid")).isEqualTo("true");
        assertThat(text("#supervision-entries")).isEmpty();

        setDate("supervision-heldOn", "2026-06-01");
        click("#supervision-submit");
        browser.await("the session listed", page -> !text("#supervision-entries").isEmpty());
        assertThat(text("#supervision-entries")).startsWith("June 1, 2026: 1.5 hours, Individual, with WA-P-0001");
        browser.await("the provider's confirmation offered", page -> page.findElement(By.id("confirm-section"))
                .isDisplayed());
        Accessibility.assertNoSeriousViolations(driver(), "an application with a position and a supervision session");

        // What the page lists is what the platform recorded.
        Response portfolio = applicant().get("/api/applications/" + applicationId + "/portfolio");
        assertThat(portfolio.body().findValuesAsText("endedOn")).containsExactly("2025-06-30");
        assertThat(portfolio.body().findValuesAsText("heldOn")).containsExactly("2026-06-01");
    }

    @Test
    @Order(3)
    void theApplicantNamesARaterThenSomeoneElseAndTheFirstRatersLinkNoLongerWorks() {
        click("#rater-summary");
        byId("rater-name").sendKeys("Olga Ortiz");
        byId("rater-email").sendKeys(FIRST_RATER);
        new Select(byId("rater-relationship")).selectByValue("CURRENT_SUPERVISOR");
        click("#rater-submit");
        browser.await("the rater named", page -> text("#raters").contains("Olga Ortiz"));
        assertThat(text("#raters")).contains("Olga Ortiz (Current supervisor, " + FIRST_RATER + ")",
                "Link sent, waiting");
        browser.await("the request announced", page -> text("#app-status")
                .startsWith("A request was mailed to Olga Ortiz."));
        firstLink = RunningPlatform.linkMailedTo(FIRST_RATER);

        rater(FIRST_RATER).findElement(By.xpath(".//button[normalize-space()='Name someone else']")).click();
        browser.await("the replacement form", page -> page.findElement(By.id("rater-replacing")).isDisplayed());
        assertThat(text("#rater-replacing"))
                .isEqualTo("You are naming someone in place of Olga Ortiz; their link will stop working.");
        assertThat(driver().switchTo().activeElement().getAttribute("id")).isEqualTo("rater-name");
        Accessibility.assertNoSeriousViolations(driver(), "a rater being replaced");
        byId("rater-name").sendKeys("Pablo Paz");
        byId("rater-email").sendKeys(SECOND_RATER);
        new Select(byId("rater-relationship")).selectByValue("OTHER");
        click("#rater-submit");
        browser.await("the second rater named", page -> text("#raters").contains("Pablo Paz"));
        assertThat(rater(FIRST_RATER).getText()).contains("Replaced");
        assertThat(rater(FIRST_RATER).findElements(By.tagName("button"))).as("nothing more to do with them").isEmpty();
        assertThat(rater(SECOND_RATER).getText()).contains("Link sent, waiting");
        assertThat(byId("rater-replacing").isDisplayed()).isFalse();
        secondLink = RunningPlatform.linkMailedTo(SECOND_RATER);
        assertThat(secondLink).startsWith(gateway() + "/rate.html#");

        // The first rater opens the link they were mailed: it no longer opens the form, and the page says why.
        await("the replaced link refused").atMost(RunningPlatform.HOP).until(() -> ApiClient.at(gateway())
                .get(RunningPlatform.formPathOf(firstLink)).status() == 410);
        driver().get(firstLink);
        browser.await("the replaced link explained", page -> page.findElement(By.id("rate-gone")).isDisplayed());
        assertThat(text("#rate-gone")).contains("This link no longer works.", "the applicant asked someone else");
        assertThat(byId("rate").isDisplayed()).isFalse();
        Accessibility.assertNoSeriousViolations(driver(), "the rating form of a replaced rater");
    }

    @Test
    @Order(4)
    void theApplicantWithdrawsOnceTheyConfirmItAndNothingIsLeftToChange() {
        openApplication(applicationId);
        byId("withdraw-reason").sendKeys("I am moving abroad");
        click("#withdraw-form button[type=submit]");
        browser.await("the confirmation asked", page -> !text("#withdraw-form .form-error").isEmpty());
        assertThat(text("#withdraw-form .form-error")).isEqualTo("Tick the box to confirm that you want to withdraw.");
        assertThat(applicant().get("/api/applications/" + applicationId).at("/status")).isEqualTo("DRAFT");
        Accessibility.assertNoSeriousViolations(driver(), "a withdrawal not yet confirmed");

        click("#withdraw-confirm");
        click("#withdraw-form button[type=submit]");
        browser.await("the withdrawal", page -> text("#app-status").equals("The application was withdrawn."));
        assertThat(text("#summary-facts")).contains("Withdrawn");
        assertThat(text("#review-body")).contains("You withdrew the application.");
        assertThat(text("#work-entries")).contains("Home visitor at Early Head Start Yakima");
        assertThat(visibleControls()).as("nothing to change, add or send").isEmpty();
        assertThat(byId("fees-section").isDisplayed()).as("a draft withdrawn has no fees").isFalse();
        assertThat(applicant().get("/api/applications/" + applicationId).at("/status")).isEqualTo("WITHDRAWN");
        Accessibility.assertNoSeriousViolations(driver(), "a withdrawn application");

        // As it stands when opened again.
        openApplication(applicationId);
        assertThat(text("#summary-facts")).contains("Withdrawn");
        assertThat(visibleControls()).isEmpty();

        // The rater still waited on opens the link they were mailed: no rating is asked of them any more.
        driver().get(secondLink);
        browser.await("the ended application explained", page -> page.findElement(By.id("rate-gone")).isDisplayed());
        assertThat(text("#rate-gone")).contains("This rating is no longer needed.", "there is nothing more to do");
        assertThat(byId("rate").isDisplayed()).isFalse();
        click("button[data-language=es]");
        browser.await("the same in Spanish", page -> text("#rate-gone")
                .contains("Esta valoración ya no es necesaria."));
        click("button[data-language=en]");
        browser.await("the page in English again", page -> text("#rate-gone").contains("no longer needed"));
        openApplication(applicationId);
        browser.signOut(gateway());
    }

    @Test
    @Order(5)
    void theCoordinatorDeniesAnApplicationInReviewWithReasons() {
        handedInAndPaid();
        nobodyIsSignedIn();
        browser.signIn(gateway(), "coordinator-ma", "/review.html?id=" + deniedId);
        browser.await("the decision", page -> page.findElement(By.id("deny-form")).isDisplayed());
        assertThat(text("#facts")).contains("In review");
        Accessibility.assertNoSeriousViolations(driver(), "an application in review, to decide");

        click("#deny-form button[type=submit]");
        browser.await("the reasons asked", page -> !text("#deny-reasons-error").isEmpty());
        assertThat(text("#deny-reasons-error")).isEqualTo("Give at least one reason.");
        assertThat(byId("deny-reasons").getAttribute("aria-invalid")).isEqualTo("true");

        byId("deny-reasons").sendKeys(String.join("\n", REASONS));
        click("#deny-form button[type=submit]");
        browser.await("the denial", page -> text("#status-line").equals("The application is denied."));
        assertThat(text("#facts")).contains("Denied", "Reasons for the denial", REASONS.get(0), REASONS.get(1));
        assertThat(byId("decide").isDisplayed()).isFalse();
        Response denied = RunningPlatform.get().signedIn("coordinator-ma", "ma").get("/api/applications/" + deniedId);
        assertThat(denied.at("/status")).isEqualTo("DENIED");
        assertThat(denied.body().get("reasons")).extracting(node -> node.asText()).containsExactlyElementsOf(REASONS);
        Accessibility.assertNoSeriousViolations(driver(), "a denied application");
        browser.signOut(gateway());
    }

    @Test
    @Order(6)
    void theApplicantReadsTheDenialAndItsReasonsInSpanishOnThePageAndInTheMail() {
        nobodyIsSignedIn();
        browser.signIn(gateway(), DENIED, "/application.html?id=" + deniedId);
        click("button[data-language=es]");
        browser.await("the application in Spanish", page -> "es".equals(page.findElement(By.tagName("html"))
                .getAttribute("lang")) && text("#review-body").contains("Denegada"));
        assertThat(text("#app-heading")).isEqualTo("Mi solicitud: Asociado/a en Familia e Infancia (IFA)");
        assertThat(text("#summary-facts")).contains("Denegada", DENIED_NAME);
        assertThat(text("#review-body")).contains("La asociación denegó la solicitud, por estos motivos:",
                REASONS.get(0), REASONS.get(1));
        assertThat(text("main")).doesNotContain("Denied", "The association", "Withdraw", "Status");
        assertThat(visibleControls()).isEmpty();
        Accessibility.assertNoSeriousViolations(driver(), "a denied application, in Spanish");

        // The mail in the language the application was started in, with the reasons.
        MimeMessage mail = await("the denial's mail").atMost(RunningPlatform.HOP).pollInSameThread()
                .until(() -> RealInfrastructure.smtp().receivedFor(DENIED_EMAIL).stream()
                        .filter(received -> SmtpServer.subject(received).startsWith("Su solicitud no fue aprobada"))
                        .findFirst().orElse(null), found -> found != null);
        assertThat(SmtpServer.plainText(mail)).contains("Estimada/o " + DENIED_NAME,
                "ha decidido no otorgar su solicitud", "- " + REASONS.get(0), "- " + REASONS.get(1),
                gateway() + "/application.html?id=" + deniedId);
        click("button[data-language=en]");
        browser.await("the page in English again", page -> "en".equals(page.findElement(By.tagName("html"))
                .getAttribute("lang")));
    }

    /**
     * Massachusetts' applicant, who writes in Spanish, hands in a complete portfolio through the APIs; the
     * coordinator records the check that pays the fees, which opens the review.
     */
    private static void handedInAndPaid() {
        RunningPlatform running = RunningPlatform.get();
        ApiClient applicant = running.signedIn(DENIED, "ma").withHeaders(Map.of("Accept-Language", "es"));
        RunningPlatform.Submitted submitted = running.submittedApplication(applicant, Map.of("applicantName",
                DENIED_NAME, "category", "IFA", "contactEmail", DENIED_EMAIL, "stateOfResidence", "MA"), Map.of(
                "education", Map.of("degree", "BACHELOR", "field", "Psychology", "institution", "UMass Lowell",
                        "year", 2019),
                "work", Map.of("role", "Preschool teacher", "employer", "Lowell Preschool", "startedOn", "2020-09-01",
                        "hoursPerWeek", 35, "paid", true, "populations", List.of("PRESCHOOLERS")),
                "trainings", Map.of("title", "Observation and reflection", "provider", "MassAIMH",
                        "attendedOn", "2024-04-01", "hours", 30, "domains", List.of("REFLECTION", "THINKING"))),
                List.of("quim.endings@example.org", "rosa.endings@example.org", "saul.endings@example.org"));
        deniedId = submitted.applicationId();
        ApiClient coordinator = running.signedIn("coordinator-ma", "ma");
        Response invoice = coordinator.get("/api/payments/invoices/" + submitted.invoiceId());
        Response paid = coordinator.post("/api/payments/invoices/" + submitted.invoiceId() + "/payments",
                Map.of("amountCents", invoice.body().at("/total/cents").asLong(), "currency",
                        invoice.at("/total/currency"), "method", "CHECK", "reference", "check 7007"),
                Map.of("Idempotency-Key", "endings-check"));
        assertThat(paid.at("/status")).as(paid.text()).isEqualTo("PAID");
        await("the review").atMost(RunningPlatform.HOP).until(() -> "IN_REVIEW".equals(
                applicant.get("/api/applications/" + deniedId).at("/status")));
    }

    /**
     * Sends the start form once and waits for the answer: true when the application's page opened, false when the
     * form shows why not. The page clears the form's message and disables its button while it asks.
     */
    private static boolean startedFromTheForm() {
        click("#start button[type=submit]");
        // A wait ends on an answer that is neither null nor false: the page that opened, or the message.
        return "started".equals(browser.await("the start's answer", page -> {
            if (page.getCurrentUrl().contains("/application.html?id=")) {
                return "started";
            }
            WebElement send = page.findElement(By.cssSelector("#start button[type=submit]"));
            return send.isEnabled() && !text("#start .form-error").isEmpty() ? "refused" : null;
        }));
    }

    /** A browser nobody is signed in to, whatever the step before left behind. */
    private static void nobodyIsSignedIn() {
        driver().get(gateway() + "/verify.html");
        driver().manage().deleteAllCookies(); // the provider's session too: cookies are per host, not per port
        ((JavascriptExecutor) driver()).executeScript("sessionStorage.clear()");
    }

    /** The buttons and fields main shows: none once the application has ended. */
    private static List<String> visibleControls() {
        return driver().findElement(By.tagName("main")).findElements(By.cssSelector("button, input, select, textarea"))
                .stream().filter(WebElement::isDisplayed)
                .map(control -> control.getTagName() + "#" + control.getAttribute("id") + " " + control.getText())
                .toList();
    }

    private static WebElement rater(String email) {
        return driver().findElement(By.cssSelector("#raters li[data-rater='" + email + "']"));
    }

    private static ApiClient applicant() {
        return RunningPlatform.get().signedIn(APPLICANT, "wa");
    }

    private static void openApplication(String id) {
        driver().get(gateway() + "/application.html?id=" + id);
        browser.await("the application", page -> page.findElement(By.id("layout")).isDisplayed()
                && page.findElement(By.id("app-status")).getText().isEmpty());
    }

    /** A date input takes its value in the browser's own format when typed; set it as the page reads it. */
    private static void setDate(String id, String isoDate) {
        ((JavascriptExecutor) driver()).executeScript("arguments[0].value = arguments[1]", byId(id), isoDate);
    }

    private static void click(String css) {
        driver().findElement(By.cssSelector(css)).click();
    }

    private static WebElement field(String name) {
        return driver().findElement(By.name(name));
    }

    private static WebElement byId(String id) {
        return driver().findElement(By.id(id));
    }

    /** The text of the element the selector finds ({@code main}, or {@code #id}, or any selector). */
    private static String text(String css) {
        return driver().findElement(By.cssSelector(css)).getText();
    }

    private static String gateway() {
        return RunningPlatform.get().gatewayUrl();
    }

    private static WebDriver driver() {
        return browser.driver();
    }
}
