package org.iecmh.endorsement.local;

import org.iecmh.endorsement.testkit.ApiClient;
import org.iecmh.endorsement.testkit.ApiClient.Response;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * An applicant pays the fees of a submitted application by card in the browser: the page starts the payment with
 * payment-service, the card processor's library (the local stand-in of Stripe in test mode) takes the card, a
 * declined card can be tried again, and the invoice shows paid once the processor's signed webhook is recorded,
 * after which the application goes to review. The invoice's lines read in English or Spanish.
 */
@Order(6)
@ExtendWith(RunningPlatform.class)
class CardPaymentTest {

    @RegisterExtension
    static final Browser browser = new Browser();

    private static String applicationId;
    private static String invoiceId;
    private static ApiClient applicant;

    @BeforeAll
    static void anApplicationIsSubmitted() {
        RunningPlatform running = RunningPlatform.get();
        applicant = running.signedIn("applicant2-wa", "wa");
        RunningPlatform.Submitted submitted = running.submittedApplication(applicant, Map.of("applicantName",
                "Tomás Tarjeta", "category", "IFA", "contactEmail", "tomas@example.org", "stateOfResidence", "WA"),
                Map.of("education", Map.of("degree", "ASSOCIATE", "field", "Early childhood",
                                "institution", "Seattle Central College", "year", 2020),
                        "trainings", Map.of("title", "Reflective practice", "provider", "WA-AIMH", "attendedOn",
                                "2024-03-01", "hours", 30, "domains", List.of("REFLECTION", "DIRECT_SERVICE_SKILLS"))),
                List.of("ana.card@example.org", "bo.card@example.org", "cy.card@example.org"));
        applicationId = submitted.applicationId();
        invoiceId = submitted.invoiceId();
    }

    @Test
    void theApplicantPaysByCardAfterADeclinedCardAndTheApplicationGoesToReview() throws Exception {
        String gateway = RunningPlatform.get().gatewayUrl();
        Response invoice = applicant.get("/api/payments/invoices/" + invoiceId);
        long owed = invoice.body().at("/outstanding/cents").asLong();
        String amount = String.format("$%d.%02d", owed / 100, owed % 100);

        browser.signIn(gateway, "applicant2-wa", "/pay.html?invoice=" + invoiceId);
        browser.await("the invoice", page -> page.findElement(By.id("invoice-heading")).getText()
                .equals("Invoice " + invoiceId));
        assertThat(text("totals")).contains("To pay", amount, "Open");
        assertThat(text("lines")).contains("Registration fee, IFA", "Processing fee, IFA");
        assertThat(driver().findElement(By.id("lines")).findElements(By.tagName("tr"))).hasSize(2);
        Accessibility.assertNoSeriousViolations(driver(), "an open invoice");

        // The lines are worded by the page from their phrases, in the reader's language.
        driver().findElement(By.cssSelector("button[data-language=es]")).click();
        browser.await("the lines in Spanish", page -> page.findElement(By.id("lines")).getText()
                .contains("Cuota de inscripción, IFA"));
        assertThat(text("lines")).contains("Cuota de tramitación, IFA").doesNotContain("fee");
        driver().findElement(By.cssSelector("button[data-language=en]")).click();
        browser.await("the lines in English", page -> page.findElement(By.id("lines")).getText()
                .contains("Registration fee, IFA"));

        driver().findElement(By.id("card-start")).click();
        WebElement number = browser.await("the card fields", page -> page.findElements(
                By.name("stripe-number")).stream().filter(WebElement::isDisplayed).findFirst().orElse(null));
        assertThat(text("card-submit")).isEqualTo("Pay " + amount);
        Accessibility.assertNoSeriousViolations(driver(), "the card form");

        number.sendKeys("4000 0000 0000 0002");
        driver().findElement(By.name("stripe-expiry")).sendKeys("12 / 30");
        driver().findElement(By.name("stripe-cvc")).sendKeys("123");
        driver().findElement(By.id("card-submit")).click();
        browser.await("the refusal", page -> page.findElement(By.id("card-error")).getText()
                .equals("Your card was declined."));
        assertThat(applicant.get("/api/payments/invoices/" + invoiceId).at("/status")).isEqualTo("OPEN");
        Accessibility.assertNoSeriousViolations(driver(), "a declined card");

        number.clear();
        number.sendKeys("4242 4242 4242 4242");
        driver().findElement(By.id("card-submit")).click();
        browser.await("the payment recorded", page -> page.findElement(By.id("invoice-status")).getText()
                .equals("Payment received. This invoice is paid."));
        assertThat(driver().findElement(By.id("paid-notice")).isDisplayed()).isTrue();
        assertThat(text("totals")).contains("Paid", "$0.00");
        Response paid = applicant.get("/api/payments/invoices/" + invoiceId);
        assertThat(paid.at("/status")).isEqualTo("PAID");
        assertThat(paid.body().at("/paid/cents").asLong()).isEqualTo(owed);
        Accessibility.assertNoSeriousViolations(driver(), "a paid invoice");

        // The card number reached the card processor only: no log line of the gateway or a service has it.
        for (Path log : List.of(Path.of("target/e2e-logs/gateway.log"))) {
            assertThat(Files.readString(log)).doesNotContain("4242424242424242", "4242 4242");
        }
        await("the review").atMost(RunningPlatform.HOP).until(() -> "IN_REVIEW".equals(
                applicant.get("/api/applications/" + applicationId).at("/status")));

        driver().findElement(By.id("receipt")).click();
        browser.await("the receipt", page -> page.findElement(By.id("receipt-status")).getText()
                .equals("The receipt is downloading."));

        // Coming back later: the invoice is paid and offers no card payment.
        driver().navigate().refresh();
        browser.await("the paid invoice", page -> page.findElement(By.id("paid-notice")).isDisplayed());
        assertThat(driver().findElement(By.id("card")).isDisplayed()).isFalse();
    }

    private static WebDriver driver() {
        return browser.driver();
    }

    private static String text(String id) {
        return driver().findElement(By.id(id)).getText();
    }
}
