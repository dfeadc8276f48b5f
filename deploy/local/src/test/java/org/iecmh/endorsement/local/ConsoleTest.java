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
import org.openqa.selenium.support.ui.WebDriverWait;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The coordinator's and reviewers' console in a real headless Chromium, against the running platform. Washington's
 * applicant hands in a complete portfolio through the APIs; then, in the browser, the coordinator finds it in the
 * work queue, records a check for part of its fees (after an amount with a fraction of a cent is refused next to the
 * field) and a scholarship for the rest (after one without its reason is refused), assigns two reviewers and comments on a section; each reviewer reads the raters' forms and approves; the
 * coordinator grants the endorsement and sees its number, and the accounts show the paid invoice. Each screen is
 * checked with axe-core as the browser shows it.
 */
@Order(4)
@ExtendWith(RunningPlatform.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ConsoleTest {

    private static final String NAME = "Lucía Consola";
    private static final String COMMENT = "Which ages did the home visits at Early Head Start serve?";
    private static final Dimension DESKTOP = new Dimension(1024, 900);

    @RegisterExtension
    static final Browser browser = new Browser();

    private static String applicationId;
    private static String invoiceId;
    private static String number;

    @BeforeAll
    static void anApplicationIsSubmittedThroughTheApis() {
        RunningPlatform running = RunningPlatform.get();
        ApiClient applicant = running.signedIn("applicant4-wa", "wa");
        RunningPlatform.Submitted submitted = running.submittedApplication(applicant, Map.of("applicantName", NAME,
                "category", "IFA", "contactEmail", "lucia@example.org", "stateOfResidence", "WA"), Map.of(
                "education", Map.of("degree", "ASSOCIATE", "field", "Early childhood",
                        "institution", "Seattle Central College", "year", 2020),
                "work", Map.of("role", "Home visitor", "employer", "Early Head Start", "startedOn", "2021-09-01",
                        "hoursPerWeek", 40, "paid", true, "populations", List.of("INFANTS", "FAMILIES")),
                "trainings", Map.of("title", "Observation and reflection", "provider", "WA-AIMH",
                        "attendedOn", "2024-04-01", "hours", 30, "domains", List.of("REFLECTION", "THINKING"))),
                List.of("ana.console@example.org", "bo.console@example.org", "cy.console@example.org"));
        applicationId = submitted.applicationId();
        invoiceId = submitted.invoiceId();
        running.reviewersEndorsedBefore("wa");
    }

    @BeforeEach
    void onADesktopInEnglish() {
        driver().manage().window().setSize(DESKTOP);
    }

    @Test
    @Order(1)
    void theCoordinatorRecordsTheCheckAssignsTwoReviewersAndComments() {
        browser.signIn(gateway(), "coordinator-wa", "/console.html");
        WebElement row = rowOf(NAME);
        assertThat(row.getText()).contains("Infant Family Associate (IFA)", "Submitted");
        assertThat(text("queue-status")).matches("\\d+ applications?: Submitted\\.");
        Accessibility.assertNoSeriousViolations(driver(), "the work queue");

        row.findElement(By.linkText(NAME)).click();
        browser.await("the application", page -> NAME.equals(page.findElement(By.id("heading")).getText())
                && page.findElement(By.id("invoices")).getText().contains(invoiceId));
        assertThat(text("invoices")).contains("$50.00", "Open");
        assertThat(text("portfolio")).contains("Seattle Central College", "Home visitor",
                "Observation and reflection");
        assertThat(text("checklist")).contains("References");
        Accessibility.assertNoSeriousViolations(driver(), "an application waiting for its fees");

        field("payment-amount").sendKeys("50.005");
        new Select(field("payment-method")).selectByValue("CHECK");
        field("payment-reference").sendKeys("check 2044");
        submit("payment-form");
        browser.await("the amount's error", page -> !page.findElement(By.id("payment-amount-error")).getText()
                .isEmpty());
        assertThat(text("payment-amount-error"))
                .isEqualTo("Amounts are in whole cents: use at most two digits after the decimal point.");
        assertThat(field("payment-amount").getAttribute("aria-invalid")).isEqualTo("true");
        assertThat(driver().switchTo().activeElement().getAttribute("id")).isEqualTo("payment-amount");
        assertThat(field("payment-reference").getAttribute("value")).as("what was typed stays").isEqualTo("check 2044");
        Accessibility.assertNoSeriousViolations(driver(), "a payment of a fraction of a cent, refused");

        // The answer to the first payment is lost on the way back: the coordinator presses the button again, and the
        // retry carries the same Idempotency-Key, so the check is recorded once.
        ((JavascriptExecutor) driver()).executeScript("""
                const send = window.fetch;
                window.fetch = async (...request) => {
                  const answer = await send(...request);
                  if (String(request[0]).endsWith('/payments') && !window.answerLost) {
                    window.answerLost = true;
                    throw new TypeError('Failed to fetch');
                  }
                  return answer;
                };""");
        field("payment-amount").clear();
        field("payment-amount").sendKeys("10");
        submit("payment-form");
        browser.await("the lost answer", page -> !page.findElement(By.cssSelector("#payment-form .form-error"))
                .getText().isEmpty());
        assertThat(driver().findElement(By.cssSelector("#payment-form .form-error")).getText())
                .isEqualTo("The platform could not be reached. Nothing was lost: try again.");
        assertThat(field("payment-amount").getAttribute("value")).isEqualTo("10");
        submit("payment-form");
        browser.await("the partial payment", page -> page.findElement(By.id("status-line")).getText()
                .equals("Payment of $10.00 recorded on " + invoiceId + "; the invoice is Open."));
        ApiClient coordinator = RunningPlatform.get().signedIn("coordinator-wa", "wa");
        assertThat(coordinator.get("/api/payments/invoices/" + invoiceId).at("/paid/cents")).isEqualTo("1000");
        assertThat(text("invoices")).contains("$10.00", "$40.00");

        // The association gives the rest as a scholarship: a waiver without its reason is refused next to it.
        field("waiver-amount").sendKeys("40.00");
        new Select(field("waiver-kind")).selectByValue("SCHOLARSHIP");
        submit("waiver-form");
        browser.await("the reason's error", page -> !page.findElement(By.id("waiver-reason-error")).getText()
                .isEmpty());
        assertThat(field("waiver-amount").getAttribute("value")).as("what was typed stays").isEqualTo("40.00");
        assertThat(coordinator.get("/api/payments/invoices/" + invoiceId).at("/waived/cents")).isEqualTo("0");
        field("waiver-reason").sendKeys("Early Head Start scholarship, 2026 round");
        submit("waiver-form");
        // The review opens once payment-service's InvoicePaid has travelled through Kafka.
        new WebDriverWait(driver(), RunningPlatform.HOP.plusSeconds(15)).withMessage("the review opened")
                .until(page -> page.findElement(By.id("status-line")).getText().contains("now in review"));
        assertThat(text("status-line")).isEqualTo("$40.00 waived on " + invoiceId
                + "; the invoice is Paid. The application is now in review.");
        assertThat(text("facts")).contains("In review");
        assertThat(text("invoices")).contains("Paid", "$40.00");
        assertThat(driver().findElement(By.id("payment-form")).isDisplayed()).isFalse();
        assertThat(driver().findElement(By.id("waiver-form")).isDisplayed()).isFalse();
        Response settled = coordinator.get("/api/payments/invoices/" + invoiceId);
        assertThat(settled.at("/paid/cents")).isEqualTo("1000");
        assertThat(settled.at("/waived/cents")).isEqualTo("4000");

        // The coordinator chooses among the people who may review it, by name, never the applicant.
        Select first = new Select(field("reviewer-first"));
        assertThat(first.getOptions()).extracting(WebElement::getText)
                .contains("Ana Lima: Infant Mental Health Mentor, Clinical (IMHM-C), WA-P-0001");
        submit("assign-form");
        assertThat(text("reviewer-first-error")).isEqualTo("Choose a reviewer.");
        first.selectByValue("reviewer-wa");
        new Select(field("reviewer-second")).selectByValue("reviewer2-wa");
        submit("assign-form");
        browser.await("the reviewers", page -> page.findElement(By.id("status-line")).getText()
                .equals("reviewer-wa and reviewer2-wa are assigned."));
        assertThat(text("reviews")).contains("reviewer-wa", "WA-P-0001", "reviewer2-wa", "WA-P-0002", "Not yet");

        new Select(field("comment-section")).selectByValue("WORK");
        field("comment-text").sendKeys(COMMENT);
        submit("comment-form");
        browser.await("the comment", page -> page.findElement(By.id("comment-list")).getText().contains(COMMENT));
        assertThat(text("comment-list")).contains("Work experience", "coordinator-wa (coordinator)");
        assertThat(text("status-line")).isEqualTo("Your comment on Work experience is sent.");
        assertThat(text("timeline")).contains("Fees paid; review opened", "Reviewers assigned", "Comment written");
        Accessibility.assertNoSeriousViolations(driver(), "an application in review, with reviewers and a comment");
        browser.signOut(gateway());
    }

    @Test
    @Order(2)
    void eachReviewerReadsTheRatersFormsAndApproves() {
        for (String reviewer : List.of("reviewer-wa", "reviewer2-wa")) {
            browser.signIn(gateway(), reviewer, "/console.html");
            browser.await("the reviewer's queue", page -> page.findElement(By.tagName("h1")).getText()
                    .equals("My reviews"));
            rowOf(NAME).findElement(By.linkText(NAME)).click();
            browser.await("the portfolio", page -> page.findElement(By.id("portfolio")).getText()
                    .contains("Rating form of"));
            assertThat(text("portfolio")).contains("Has known the applicant for 36 months.",
                    "Observes and listens carefully before acting", "the applicant waived access to the form");
            assertThat(text("comment-list")).contains(COMMENT);
            assertThat(driver().findElements(By.id("fees")).get(0).isDisplayed()).as("fees are the coordinator's")
                    .isFalse();
            if ("reviewer-wa".equals(reviewer)) {
                Accessibility.assertNoSeriousViolations(driver(), "a portfolio as its reviewer reads it");
            }
            if ("reviewer2-wa".equals(reviewer)) {
                // The form's items come worded by the API in the language the page asks in.
                driver().findElement(By.cssSelector("button[data-language=es]")).click();
                browser.await("the form in Spanish", page -> page.findElement(By.id("portfolio")).getText()
                        .contains("Observa y escucha con atención antes de actuar"));
                driver().findElement(By.cssSelector("button[data-language=en]")).click();
                browser.await("the form in English", page -> page.findElement(By.id("portfolio")).getText()
                        .contains("Observes and listens carefully before acting"));
            }

            driver().findElement(By.id("decision-approve")).click();
            submit("decision-form");
            browser.await("the review recorded", page -> page.findElement(By.id("status-line")).getText()
                    .startsWith("Your review is recorded: Approve."));
            browser.signOut(gateway());
        }
        assertThat(RunningPlatform.get().signedIn("coordinator-wa", "wa").get("/api/applications/" + applicationId)
                .at("/status")).isEqualTo("PORTFOLIO_APPROVED");
    }

    @Test
    @Order(3)
    void theCoordinatorGrantsTheEndorsementAndSeesItsNumber() {
        browser.signIn(gateway(), "coordinator-wa", "/review.html?id=" + applicationId);
        browser.await("the decision", page -> page.findElement(By.id("approve-form")).isDisplayed());
        assertThat(text("facts")).contains("Portfolio approved");
        assertThat(text("reviews")).contains("Approve");
        submit("approve-form");

        browser.await("the grant", page -> page.findElement(By.id("outcome")).getText()
                .startsWith("Endorsement granted: number WA-"));
        number = RunningPlatform.get().signedIn("coordinator-wa", "wa").get("/api/applications/" + applicationId)
                .at("/endorsementNumber");
        assertThat(text("outcome")).contains("Endorsement granted: number " + number + ".", "It is valid through");
        assertThat(text("facts")).contains("Granted", number);
        assertThat(driver().findElement(By.id("decide")).isDisplayed()).isFalse();
        Accessibility.assertNoSeriousViolations(driver(), "a granted application");

        // The whole application, its tables included, fits a phone: wide tables scroll inside their own region.
        driver().manage().window().setSize(new Dimension(390, 844));
        assertThat(horizontalOverflow()).as("the application fits the phone's width").isFalse();
    }

    @Test
    @Order(4)
    void theRenewalsScreenOpensTheNewEndorsementWithNothingToReviewYet() {
        RunningPlatform running = RunningPlatform.get();
        await("the endorsement in renewal-service").atMost(RunningPlatform.HOP).until(() -> running
                .signedIn("coordinator-wa", "wa").get("/api/endorsements/" + number).status() == 200);
        open("/renewals.html");
        field("endorsementNumber").sendKeys("WA-999999");
        submit("lookup-form");
        browser.await("the unknown number", page -> !page.findElement(By.id("endorsementNumber-error")).getText()
                .isEmpty());
        assertThat(text("endorsementNumber-error")).isEqualTo("No endorsement of the association has this number.");

        field("endorsementNumber").clear();
        field("endorsementNumber").sendKeys(number);
        submit("lookup-form");
        browser.await("the endorsement", page -> page.findElement(By.id("endorsement-heading")).getText()
                .equals(NAME + " (" + number + ")"));
        assertThat(text("endorsement-facts")).contains("Active", "Nothing submitted", "Valid through");
        assertThat(driver().findElement(By.id("approve-renewal-form")).isDisplayed()).isFalse();
        Accessibility.assertNoSeriousViolations(driver(), "an endorsement on the renewals screen");
    }

    @Test
    @Order(5)
    void onAPhoneTheQueueOfGrantedApplicationsFitsTheScreen() {
        driver().manage().window().setSize(new Dimension(390, 844));
        open("/console.html?status=GRANTED");
        WebElement row = rowOf(NAME);
        assertThat(row.getText()).contains("Granted");
        assertThat(new Select(field("status")).getFirstSelectedOption().getText()).isEqualTo("Granted");
        assertThat(horizontalOverflow()).as("the page fits the phone's width").isFalse();
        Accessibility.assertNoSeriousViolations(driver(), "the work queue on a phone");
    }

    @Test
    @Order(6)
    void theAccountsShowThePaidInvoiceInSpanish() {
        open("/accounts.html?standing=PAID");
        browser.await("the paid invoices", page -> page.findElement(By.id("invoice-list")).getText()
                .contains(invoiceId));
        // The totals come in their own request, which may answer after the list.
        browser.await("the totals", page -> page.findElement(By.id("totals")).getText().contains("Paid"));

        driver().findElement(By.cssSelector("button[data-language=es]")).click();
        browser.await("the accounts in Spanish", page -> "Cuentas".equals(page.findElement(By.tagName("h1"))
                .getText()));
        assertThat(driver().findElement(By.tagName("main")).getText()).contains("Totales por situación");
        // The totals are the association's (other stories paid invoices too); the list names this one's amount.
        assertThat(text("totals")).contains("Pagada", "US$");
        assertThat(text("invoice-list")).contains(invoiceId, "applicant4-wa", "50,00", "Abrir la solicitud");
        assertThat(text("invoices-status")).matches("\\d+ facturas?: Pagada\\.");
        assertThat(driver().getTitle()).startsWith("Cuentas");
        Accessibility.assertNoSeriousViolations(driver(), "the accounts in Spanish");
        ((JavascriptExecutor) driver()).executeScript("localStorage.clear()");
    }

    private static WebDriver driver() {
        return browser.driver();
    }

    private static String gateway() {
        return RunningPlatform.get().gatewayUrl();
    }

    private static void open(String path) {
        driver().get(gateway() + path);
        browser.await("the page's messages", page -> !page.findElements(
                By.cssSelector("button[data-language][aria-pressed=true]")).isEmpty()
                && !page.findElement(By.tagName("h1")).getText().isEmpty());
    }

    /** The row of the work queue that names the applicant, once the queue shows it. */
    private static WebElement rowOf(String applicant) {
        return browser.await(applicant + " in the queue", page -> page.findElements(By.cssSelector("#queue tbody tr"))
                .stream().filter(row -> row.getText().contains(applicant)).findFirst().orElse(null));
    }

    private static void submit(String form) {
        driver().findElement(By.cssSelector("#" + form + " button[type=submit]")).click();
    }

    private static boolean horizontalOverflow() {
        return Boolean.TRUE.equals(((JavascriptExecutor) driver()).executeScript(
                "return document.documentElement.scrollWidth > document.documentElement.clientWidth"));
    }

    private static WebElement field(String id) {
        return driver().findElement(By.id(id));
    }

    private static String text(String id) {
        return driver().findElement(By.id(id)).getText();
    }
}
