package org.iecmh.endorsement.local;

import org.iecmh.endorsement.testkit.ApiClient;
import org.iecmh.endorsement.testkit.ApiClient.Response;
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
import org.openqa.selenium.support.ui.Select;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The exam of a category that has one, on the staff's screen in a real headless Chromium: a policy Mentor's portfolio
 * approved by two policy Mentors (through the APIs), then in the browser the coordinator books a sitting for today
 * and assigns two other endorsees to score it, each scorer enters their score in their work queue under the
 * candidate's code, never seeing the name nor the other's score, the result shows once both have, and only then may
 * the coordinator grant.
 */
@Order(8)
@ExtendWith(RunningPlatform.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ExamConsoleTest {

    private static final String NAME = "Paz Examen";

    @RegisterExtension
    static final Browser browser = new Browser();

    private static String applicationId;

    @BeforeAll
    static void aPolicyMentorsPortfolioIsApprovedThroughTheApis() {
        RunningPlatform running = RunningPlatform.get();
        ApiClient applicant = running.signedIn("applicant-wa", "wa");
        RunningPlatform.Submitted submitted = running.submittedApplication(applicant, Map.of("applicantName", NAME,
                "category", "IMHM-P", "contactEmail", "paz@example.org", "stateOfResidence", "WA"), Map.of(
                "education", Map.of("degree", "MASTER", "field", "Public policy",
                        "institution", "University of Washington", "year", 2015),
                "work", Map.of("role", "Policy lead", "employer", "Department of Children, Youth, and Families",
                        "startedOn", "2018-09-01", "hoursPerWeek", 40, "paid", true,
                        "populations", List.of("INFANTS", "FAMILIES"), "activities", List.of("LEADERSHIP")),
                "trainings", Map.of("title", "Infant mental health policy", "provider", "WA-AIMH",
                        "attendedOn", "2024-10-01", "hours", 33, "domains", List.of("THEORETICAL_FOUNDATIONS",
                                "LAW_REGULATION_AND_AGENCY_POLICY", "SYSTEMS_EXPERTISE", "DIRECT_SERVICE_SKILLS",
                                "WORKING_WITH_OTHERS", "COMMUNICATING", "THINKING", "REFLECTION", "ADMINISTRATION",
                                "RESEARCH_AND_EVALUATION"))),
                List.of("ana.exam@example.org", "bo.exam@example.org", "cy.exam@example.org"));
        applicationId = submitted.applicationId();
        String application = "/api/applications/" + applicationId;
        ApiClient coordinator = running.signedIn("coordinator-wa", "wa");
        String invoiceId = submitted.invoiceId();
        long owed = applicant.get("/api/payments/invoices/" + invoiceId).body().at("/outstanding/cents").asLong();
        Response paid = coordinator.post("/api/payments/invoices/" + invoiceId + "/payments", Map.of("amountCents",
                owed, "currency", "USD", "method", "CHECK"), Map.of("Idempotency-Key", "exam-check"));
        assertThat(paid.at("/status")).as(paid.text()).isEqualTo("PAID");
        await("the review").atMost(RunningPlatform.HOP)
                .until(() -> "IN_REVIEW".equals(applicant.get(application).at("/status")));

        // A policy Mentor's reviewers and scorers hold a policy Mentor's endorsement, recorded here.
        ApiClient admin = running.signedIn("admin-wa", "wa");
        List<List<String>> mentors = List.of(List.of("WA-P-0004", "reviewer-wa", "Ana Lima"),
                List.of("WA-P-0005", "reviewer2-wa", "Kim Lee"), List.of("WA-P-0006", "scorer-wa", "Lee Park"),
                List.of("WA-P-0007", "scorer2-wa", "Sam Ortiz"));
        for (List<String> mentor : mentors) {
            Response recorded = admin.post("/api/applications/prior-endorsements", Map.of("endorsementNumber",
                    mentor.get(0), "subject", mentor.get(1), "name", mentor.get(2), "category", "IMHM-P",
                    "endorsedSince", "2016-03-01"));
            assertThat(recorded.status()).as(recorded.text()).isIn(201, 409);
        }
        Response assigned = coordinator.post(application + "/reviewers", Map.of("reviewers",
                List.of("reviewer-wa", "reviewer2-wa")));
        assertThat(assigned.status()).as(assigned.text()).isEqualTo(200);
        for (String reviewer : List.of("reviewer-wa", "reviewer2-wa")) {
            Response reviewed = running.signedIn(reviewer, "wa").post(application + "/reviews",
                    Map.of("decision", "APPROVE"));
            assertThat(reviewed.status()).as(reviewed.text()).isLessThan(300);
        }
        assertThat(coordinator.get(application).at("/status")).isEqualTo("PORTFOLIO_APPROVED");
    }

    @Test
    @Order(1)
    void theCoordinatorBooksASittingAssignsTwoScorersAndCannotGrantBeforeTheExamIsPassed() {
        openAs("coordinator-wa");
        browser.await("the exam section", page -> page.findElement(By.id("sitting-form")).isDisplayed());
        assertThat(text("attempts")).isEqualTo("No sitting is booked.");
        assertThat(driver().findElement(By.id("approve-form")).isDisplayed()).as("no grant before the exam").isFalse();
        Accessibility.assertNoSeriousViolations(driver(), "a Mentor's application waiting for its exam");

        // Today in Washington: scores are entered from the sitting's day, in the association's time zone.
        LocalDate sitting = LocalDate.now(ZoneId.of("America/Los_Angeles"));
        ((JavascriptExecutor) driver()).executeScript("arguments[0].value = arguments[1]",
                driver().findElement(By.id("sitting-on")), sitting.toString());
        submit("sitting-form");
        browser.await("the sitting booked", page -> text("status-line").startsWith("Sitting booked for "));
        assertThat(text("facts")).contains("Exam scheduled");
        assertThat(text("attempts")).contains("Hidden until both scorers have entered theirs");
        assertThat(driver().findElement(By.id("sitting-form")).isDisplayed()).isFalse();
        Accessibility.assertNoSeriousViolations(driver(), "a booked exam sitting");

        browser.await("the scorers form", page -> page.findElement(By.id("scorers-form")).isDisplayed());
        driver().findElement(By.id("scorer-first")).sendKeys("reviewer-wa");
        driver().findElement(By.id("scorer-second")).sendKeys("scorer2-wa");
        submit("scorers-form");
        browser.await("a reviewer refused as scorer", page -> page.findElement(By.cssSelector(
                "#scorers-form .form-error")).getText().equals(
                "The portfolio's reviewers do not score its exam in this association."));
        driver().findElement(By.id("scorer-first")).clear();
        driver().findElement(By.id("scorer-first")).sendKeys("scorer-wa");
        submit("scorers-form");
        browser.await("the scorers assigned", page -> text("status-line")
                .equals("The scorers are assigned; they see the candidate code only."));
        assertThat(text("attempts")).contains("scorer-wa, scorer2-wa").containsPattern("C-[A-Z2-9]{8}");
        assertThat(driver().findElement(By.id("scorers-form")).isDisplayed())
                .as("the scorers may be named again until the first score is in").isTrue();
    }

    @Test
    @Order(2)
    void twoScorersEachEnterTheirScoreBlindUnderTheCandidateCodeAndTheResultShowsOnceBothHave() {
        openQueueAs("scorer-wa");
        browser.await("the sitting to score", page -> page.findElement(By.id("score-form")).isDisplayed());
        assertThat(text("sittings")).contains("Policy").doesNotContain(NAME);
        new Select(driver().findElement(By.id("score-part"))).selectByValue("MULTIPLE_CHOICE");
        driver().findElement(By.id("score-percent")).sendKeys("88");
        submit("score-form");
        browser.await("the score entered", page -> text("scoring-status").equals("Your score is entered."));
        // The scorer's own score is not shown back either (a candidate code may hold the digits, never alone).
        assertThat(text("sittings")).contains("Multiple choice").doesNotContainPattern("\\b88\\b")
                .doesNotContain(NAME);
        Accessibility.assertNoSeriousViolations(driver(), "an exam score entered blind");

        openQueueAs("scorer2-wa");
        browser.await("the sitting to score", page -> page.findElement(By.id("score-form")).isDisplayed());
        new Select(driver().findElement(By.id("score-part"))).selectByValue("MULTIPLE_CHOICE");
        driver().findElement(By.id("score-percent")).sendKeys("84");
        submit("score-form");
        browser.await("the sitting scored", page -> text("sittings").equals("No sitting waits for your scores."));

        openAs("coordinator-wa");
        browser.await("the result", page -> text("attempts").contains("Passed"));
        assertThat(text("attempts")).contains("Multiple choice");
        assertThat(text("facts")).contains("Exam passed");
    }

    @Test
    @Order(3)
    void oncePassedTheCoordinatorGrants() {
        openAs("coordinator-wa");
        browser.await("the decision", page -> page.findElement(By.id("approve-form")).isDisplayed());
        submit("approve-form");
        browser.await("the grant", page -> text("outcome").startsWith("Endorsement granted: number WA-"));
        assertThat(text("facts")).contains("Granted");
        Accessibility.assertNoSeriousViolations(driver(), "a Mentor's application granted after the exam");
    }

    /** The person signs in on a browser nobody is signed in to (the provider's session is a cookie of the host). */
    private static void openAs(String user) {
        driver().get(gateway() + "/verify.html");
        driver().manage().deleteAllCookies();
        ((JavascriptExecutor) driver()).executeScript("sessionStorage.clear()");
        browser.signIn(gateway(), user, "/review.html?id=" + applicationId);
        browser.await("the application", page -> NAME.equals(page.findElement(By.id("heading")).getText()));
    }

    /** The scorer's work queue, on a browser nobody is signed in to. */
    private static void openQueueAs(String user) {
        driver().get(gateway() + "/verify.html");
        driver().manage().deleteAllCookies();
        ((JavascriptExecutor) driver()).executeScript("sessionStorage.clear()");
        browser.signIn(gateway(), user, "/console.html");
        browser.await("the scoring queue", page -> page.findElement(By.id("scoring")).isDisplayed());
    }

    private static void submit(String form) {
        driver().findElement(By.cssSelector("#" + form + " button[type=submit]")).click();
    }

    private static String gateway() {
        return RunningPlatform.get().gatewayUrl();
    }

    private static WebDriver driver() {
        return browser.driver();
    }

    private static String text(String id) {
        return driver().findElement(By.id(id)).getText();
    }
}
