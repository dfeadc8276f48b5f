package org.iecmh.endorsement.local;

import org.iecmh.endorsement.testkit.ApiClient;
import org.junit.jupiter.api.BeforeEach;
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
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * One endorsement from start to finish, every person in the browser: the applicant builds the portfolio and sees
 * what is missing shrink, submits and pays by card; the coordinator assigns two reviewers, who approve; the
 * coordinator grants; the applicant opens the certificate; an auditor reads the application's history. Only the
 * raters answer by mail through the API (their own page is tested in {@link ApplicantPortalTest}). Each screen is
 * checked with axe-core on the way.
 */
@Order(7)
@ExtendWith(RunningPlatform.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class WebStoryTest {

    private static final String APPLICANT = "applicant4-ma";
    private static final String NAME = "Noemí Historia";

    @RegisterExtension
    static final Browser browser = new Browser();

    private static String applicationId;
    private static String number;

    /** Each person starts on a browser nobody is signed in to, whatever the step before left behind. */
    @BeforeEach
    void nobodyIsSignedIn() {
        driver().get(gateway() + "/verify.html");
        driver().manage().deleteAllCookies(); // the provider's session too: cookies are per host, not per port
        ((JavascriptExecutor) driver()).executeScript("sessionStorage.clear()");
    }

    @Test
    @Order(1)
    void theApplicantBuildsThePortfolioSeesTheGapsCloseSubmitsAndPaysByCard() {
        RunningPlatform.get().reviewersEndorsedBefore("ma");
        browser.signIn(gateway(), APPLICANT, "/portal.html");
        browser.await("the start form", page -> page.findElement(By.id("start")).isDisplayed());
        new Select(field("category")).selectByValue("IFA");
        field("applicantName").sendKeys(NAME);
        field("contactEmail").sendKeys("noemi@example.org");
        field("stateOfResidence").sendKeys("MA");
        click("#start button[type=submit]");
        browser.await("the new application", page -> page.getCurrentUrl().contains("/application.html?id="));
        applicationId = driver().getCurrentUrl().replaceAll(".*[?&]id=([^&#]+).*", "$1");

        browser.await("what is missing", page -> missing() == 3);
        click("#education-summary");
        new Select(driver().findElement(By.id("education-degree"))).selectByValue("BACHELOR");
        driver().findElement(By.id("education-field")).sendKeys("Psychology");
        driver().findElement(By.id("education-institution")).sendKeys("UMass Boston");
        driver().findElement(By.id("education-year")).sendKeys("2017");
        click("#education-submit");
        browser.await("education met", page -> missing() == 2);

        click("#trainings-summary");
        addTraining("Infant observation", "2024-09-14", "30", "THINKING");
        browser.await("30 hours, one domain still missing", page -> text("needs").contains("30 of 30"));
        addTraining("Reflective practice", "2025-01-11", "4", "REFLECTION");
        browser.await("training met", page -> missing() == 1);
        assertThat(text("needs")).contains("References (missing)");
        Accessibility.assertNoSeriousViolations(driver(), "the story's portfolio before the references");

        RunningPlatform.get().referencesByMail(RunningPlatform.get().signedIn(APPLICANT, "ma"), applicationId, NAME,
                List.of("ada.story@example.org", "ben.story@example.org", "cal.story@example.org"), true);
        driver().navigate().refresh();
        browser.await("every requirement met", page -> text("needs-summary")
                .equals("Every requirement is met: you can submit."));

        click("#submit-form button[type=submit]");
        WebElement invoice = browser.await("the invoice", page -> page.findElements(By.cssSelector(
                "#invoices tbody tr")).stream().filter(row -> row.getText().contains("$40.00")).findFirst()
                .orElse(null));
        invoice.findElement(By.linkText("Pay")).click();

        browser.await("the pay page", page -> page.findElement(By.id("invoice-heading")).getText()
                .startsWith("Invoice "));
        browser.await("the card payment offered", page -> page.findElement(By.id("card-start")).isDisplayed());
        click("#card-start");
        WebElement card = browser.await("the card fields", page -> page.findElements(By.name("stripe-number"))
                .stream().filter(WebElement::isDisplayed).findFirst().orElse(null));
        card.sendKeys("4242 4242 4242 4242");
        field("stripe-expiry").sendKeys("09 / 31");
        field("stripe-cvc").sendKeys("314");
        click("#card-submit");
        new WebDriverWait(driver(), RunningPlatform.HOP).withMessage("the card payment recorded")
                .until(page -> page.findElement(By.id("invoice-status")).getText()
                        .equals("Payment received. This invoice is paid."));

        ApiClient applicant = RunningPlatform.get().signedIn(APPLICANT, "ma");
        await("the review opened").atMost(RunningPlatform.HOP).until(() -> "IN_REVIEW".equals(
                applicant.get("/api/applications/" + applicationId).at("/status")));
        click("#back");
        browser.await("the application in review", page -> page.findElement(By.id("summary-facts")).getText()
                .contains("In review"));
        Accessibility.assertNoSeriousViolations(driver(), "the story's application in review");
        signOutFrom("/portal.html");
    }

    @Test
    @Order(2)
    void theCoordinatorAssignsTwoReviewersWhoBothApprove() {
        browser.signIn(gateway(), "coordinator-ma", "/console.html?status=IN_REVIEW");
        rowOf(NAME).findElement(By.linkText(NAME)).click();
        browser.await("the application", page -> page.findElement(By.id("assign-form")).isDisplayed());
        assertThat(text("invoices")).contains("Paid");
        new Select(driver().findElement(By.id("reviewer-first"))).selectByValue("reviewer-ma");
        new Select(driver().findElement(By.id("reviewer-second"))).selectByValue("reviewer2-ma");
        submit("assign-form");
        browser.await("the reviewers", page -> text("status-line").equals("reviewer-ma and reviewer2-ma are assigned."));
        signOutFrom("/console.html");

        for (String reviewer : List.of("reviewer-ma", "reviewer2-ma")) {
            browser.signIn(gateway(), reviewer, "/console.html");
            rowOf(NAME).findElement(By.linkText(NAME)).click();
            browser.await("the portfolio", page -> page.findElement(By.id("portfolio")).getText()
                    .contains("UMass Boston"));
            driver().findElement(By.id("decision-approve")).click();
            submit("decision-form");
            browser.await("the review recorded", page -> text("status-line")
                    .startsWith("Your review is recorded: Approve."));
            signOutFrom("/console.html");
        }
    }

    @Test
    @Order(3)
    void theCoordinatorGrantsAndTheApplicantOpensTheCertificate() {
        browser.signIn(gateway(), "coordinator-ma", "/review.html?id=" + applicationId);
        browser.await("the decision", page -> page.findElement(By.id("approve-form")).isDisplayed());
        submit("approve-form");
        browser.await("the grant", page -> text("outcome").startsWith("Endorsement granted: number MA-"));
        Matcher granted = Pattern.compile("number (MA-\\d+)").matcher(text("outcome"));
        assertThat(granted.find()).as(text("outcome")).isTrue();
        number = granted.group(1);
        Accessibility.assertNoSeriousViolations(driver(), "the story's grant");
        signOutFrom("/console.html");

        ApiClient applicant = RunningPlatform.get().signedIn(APPLICANT, "ma");
        new WebDriverWait(driver(), RunningPlatform.HOP).withMessage("the endorsement kept")
                .until(page -> applicant.get("/api/endorsements/" + number).status() == 200);
        browser.signIn(gateway(), APPLICANT, "/portal.html");
        browser.await("the endorsement on the portal", page -> page.findElements(By.linkText("Endorsement " + number))
                .stream().findFirst().orElse(null)).click();
        browser.await("the endorsement", page -> text("end-notice").contains("Your endorsement is active."));
        WebElement certificate = driver().findElement(By.id("certificate-link"));
        new WebDriverWait(driver(), RunningPlatform.HOP).withMessage("the certificate")
                .until(page -> fetched(certificate.getAttribute("href")).startsWith("application/pdf %PDF-"));
        Accessibility.assertNoSeriousViolations(driver(), "the story's endorsement");
        signOutFrom("/portal.html");
    }

    @Test
    @Order(4)
    void anAuditorReadsTheApplicationsHistoryFromStartToGrant() {
        browser.signIn(gateway(), "auditor-ma", "/audit.html");
        browser.await("the audit screen", page -> page.findElement(By.id("open")).isDisplayed());
        driver().findElement(By.id("kind-applications")).click();
        field("id").sendKeys(applicationId);
        submit("open");
        browser.await("the timeline", page -> text("history-heading")
                .equals("History of application " + applicationId));
        List<String> events = driver().findElements(By.cssSelector("#timeline > li h3")).stream()
                .map(WebElement::getText).toList();
        assertThat(events).startsWith("Application started")
                .contains("Application submitted", "Portfolio approved", "Endorsement granted");
        assertThat(text("timeline")).contains(APPLICANT + ", as applicant", "reviewer2-ma, as reviewer",
                "coordinator-ma, as coordinator");
        Accessibility.assertNoSeriousViolations(driver(), "the story's history");
    }

    private static void addTraining(String title, String attendedOn, String hours, String domain) {
        driver().findElement(By.id("trainings-title")).sendKeys(title);
        driver().findElement(By.id("trainings-provider")).sendKeys("MassAIMH");
        ((JavascriptExecutor) driver()).executeScript("arguments[0].value = arguments[1]",
                driver().findElement(By.id("trainings-attendedOn")), attendedOn);
        driver().findElement(By.id("trainings-hours")).sendKeys(hours);
        driver().findElement(By.cssSelector("#trainings-form input[name=domains][value=" + domain + "]")).click();
        click("#trainings-submit");
        browser.await("the training " + title + " listed", page -> text("trainings-entries").contains(title));
    }

    /** Signs out from a page other than the home page, where signing out leads. */
    private static void signOutFrom(String path) {
        if (!driver().getCurrentUrl().startsWith(gateway() + path)) {
            driver().get(gateway() + path);
        }
        browser.await("the header", page -> page.findElement(By.id("account")).getText().contains("Sign out"));
        browser.signOut(gateway());
    }

    private static WebElement rowOf(String applicant) {
        return browser.await(applicant + " in the queue", page -> page.findElements(By.cssSelector("#queue tbody tr"))
                .stream().filter(row -> row.getText().contains(applicant)).findFirst().orElse(null));
    }

    private static long missing() {
        return driver().findElements(By.cssSelector("#needs li.missing")).size();
    }

    /** The content type and first bytes of what the browser gets from a URL of the gateway. */
    private static String fetched(String url) {
        return (String) ((JavascriptExecutor) driver()).executeAsyncScript("""
                const done = arguments[arguments.length - 1];
                fetch(arguments[0]).then(async r => done(r.headers.get('Content-Type') + ' '
                    + new TextDecoder().decode((await r.arrayBuffer()).slice(0, 5))))
                    .catch(e => done(String(e)));""", url);
    }

    private static String gateway() {
        return RunningPlatform.get().gatewayUrl();
    }

    private static WebDriver driver() {
        return browser.driver();
    }

    private static void click(String css) {
        driver().findElement(By.cssSelector(css)).click();
    }

    private static void submit(String form) {
        click("#" + form + " button[type=submit]");
    }

    private static WebElement field(String name) {
        return driver().findElement(By.name(name));
    }

    private static String text(String id) {
        return driver().findElement(By.id(id)).getText();
    }
}
