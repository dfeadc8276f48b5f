package org.iecmh.endorsement.local;

import com.fasterxml.jackson.databind.JsonNode;
import org.iecmh.endorsement.testkit.ApiClient;
import org.junit.jupiter.api.AfterAll;
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

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneId;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Massachusetts' admin in a real headless Chromium, against the running platform: the association's page lists each
 * policy part with its versions; a fee schedule typed in dollars is previewed (what changes, from when) and then
 * added, and listed as planned, and so are exam rules; requirements are previewed category by category; refusals show
 * next to the field they name, in the page's words, for fees, membership and renewal; a profile change is saved. On the import page the admin checks a file with one bad row (the dry run lists it by line and column),
 * imports it and follows the progress to the result, then imports it again and nothing changes. The operator adds an
 * association whose policy starts as a copy of Massachusetts'. Each screen is checked with axe-core in English and in
 * Spanish.
 */
// After AssociationOnboardingTest, which starts an association from a copy of Massachusetts' record as it is.
@Order(11)
@ExtendWith(RunningPlatform.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class AssociationAdminTest {

    private static final Dimension DESKTOP = new Dimension(1024, 900);
    private static final ZoneId BOSTON = ZoneId.of("America/New_York");
    // A version far ahead: no invoice of another story is priced by it.
    private static final String PLANNED = "2090-07-01";

    @RegisterExtension
    static final Browser browser = new Browser();

    private static Path file;

    @BeforeEach
    void onADesktop() {
        driver().manage().window().setSize(DESKTOP);
    }

    @AfterAll
    static void forgetTheLanguageAndTheFile() throws IOException {
        if (file != null) {
            Files.deleteIfExists(file);
        }
    }

    @Test
    @Order(1)
    void theAdminPreviewsAFeeScheduleTypedInDollarsAndAddsIt() {
        browser.signIn(gateway(), "admin-ma", "/association.html");
        browser.await("the association's record", page -> page.findElement(By.id("heading")).getText()
                .contains("Massachusetts") && !page.findElements(By.cssSelector("#part-fees tbody tr")).isEmpty());
        assertThat(text("part-fees")).contains("$15.00 / $20.00 / $25.00 / $25.00", "In force");
        assertThat(text("parts")).contains("Renewal", "Requirements", "Rating form", "Exam", "Membership");
        // The admin's own links, shown by role.
        assertThat(driver().findElement(By.linkText("Import endorsees")).isDisplayed()).isTrue();
        assertThat(driver().findElements(By.linkText("Operations")).stream().noneMatch(WebElement::isDisplayed))
                .isTrue();
        // The form starts from the fees in force, from the association's today.
        assertThat(field("fee-form-effectiveFrom").getAttribute("value"))
                .isEqualTo(LocalDate.now(BOSTON).toString());
        assertThat(field("fee-form-registration.1").getAttribute("value")).isEqualTo("15.00");
        Accessibility.assertNoSeriousViolations(driver(), "the association's page");

        setDate("fee-form-effectiveFrom", PLANNED);
        retype("fee-form-registration.1", "17.50");
        submit("fee-form");
        browser.await("the preview", page -> page.findElement(By.id("fee-preview")).isDisplayed());
        assertThat(text("fee-preview-when")).isEqualTo("In force from July 1, 2090, with no later version planned.");
        assertThat(text("fee-preview-changes")).contains("Registration fee, level I", "$15.00", "$17.50")
                .doesNotContain("Processing fee");
        assertThat(driver().switchTo().activeElement().getAttribute("id")).isEqualTo("fee-preview-heading");
        Accessibility.assertNoSeriousViolations(driver(), "the preview of a fee schedule");

        field("fee-save").click();
        browser.await("the new version listed", page -> page.findElement(By.id("part-fees")).getText()
                .contains("July 1, 2090"));
        assertThat(text("part-fees")).contains("$17.50 / $20.00 / $25.00 / $25.00", "Planned");
        browser.await("the addition announced", page -> "The fee schedule from July 1, 2090 was added."
                .equals(text("page-status")));
        JsonNode fees = admin().get("/api/associations/ma").body().get("fees");
        JsonNode planned = null;
        for (JsonNode version : fees) {
            if (PLANNED.equals(version.get("effectiveFrom").asText())) {
                planned = version;
            }
        }
        assertThat(planned).as("the version association-service keeps").isNotNull();
        assertThat(planned.at("/registration/1").asLong()).isEqualTo(1750);
        assertThat(planned.at("/registration/2").asLong()).isEqualTo(2000);
    }

    @Test
    @Order(2)
    void refusalsShowNextToTheFieldTheyNameAndWhatWasTypedStays() {
        open("/association.html");
        retype("fee-form-registration.2", "20.005");
        submit("fee-form");
        browser.await("the amount's error", page -> !text("fee-form-registration.2-error").isEmpty());
        assertThat(text("fee-form-registration.2-error"))
                .isEqualTo("Amounts are in whole cents: use at most two digits after the decimal point.");
        assertThat(field("fee-form-registration.2").getAttribute("aria-invalid")).isEqualTo("true");
        assertThat(driver().switchTo().activeElement().getAttribute("id")).isEqualTo("fee-form-registration.2");

        // association-service refuses a day already past: its field path fees.effectiveFrom names the date input.
        retype("fee-form-registration.2", "20");
        setDate("fee-form-effectiveFrom", "2020-01-01");
        submit("fee-form");
        browser.await("the date's error", page -> !text("fee-form-effectiveFrom-error").isEmpty());
        assertThat(text("fee-form-effectiveFrom-error"))
                .isEqualTo("A new version starts on the association's today or later, not on an earlier day.");
        assertThat(field("fee-form-effectiveFrom").getAttribute("aria-invalid")).isEqualTo("true");
        assertThat(text("fee-form-registration.2-error")).isEmpty();
        assertThat(field("fee-preview").isDisplayed()).isFalse();
        Accessibility.assertNoSeriousViolations(driver(), "a fee schedule refused");

        // The profile: a time zone that is none, refused next to it; then a phone number saved.
        retype("profile-form-timeZone", "America/Boston");
        submit("profile-form");
        browser.await("the time zone's error", page -> !text("profile-form-timeZone-error").isEmpty());
        assertThat(text("profile-form-timeZone-error"))
                .isEqualTo("Enter a time zone of the IANA list, such as America/New_York.");
        retype("profile-form-timeZone", "America/New_York");
        retype("profile-form-contact.phone", "617-555-0142");
        submit("profile-form");
        browser.await("the profile saved", page -> "The profile was saved.".equals(text("page-status")));
        assertThat(admin().get("/api/associations/ma").at("/contact/phone")).isEqualTo("617-555-0142");
    }

    @Test
    @Order(3)
    void theAdminAddsExamRulesPreviewsRequirementsAndSeesRefusalsOfOtherPartsNextToTheirFields() {
        open("/association.html");
        openEveryForm();
        Accessibility.assertNoSeriousViolations(driver(), "every form of a new version");

        // The exam: a pass mark of 85 from a day far ahead.
        assertThat(field("exam-form-passPercent").getAttribute("value")).isEqualTo("80");
        setDate("exam-form-effectiveFrom", PLANNED);
        retype("exam-form-passPercent", "85");
        submit("exam-form");
        browser.await("the exam's preview", page -> page.findElement(By.id("exam-preview")).isDisplayed());
        assertThat(text("exam-preview-when")).isEqualTo("In force from July 1, 2090, with no later version planned.");
        assertThat(text("exam-preview-changes")).contains("Pass mark of every part, in percent", "80", "85")
                .doesNotContain("Months before a retake", "reviewers");
        assertThat(driver().switchTo().activeElement().getAttribute("id")).isEqualTo("exam-preview-heading");
        Accessibility.assertNoSeriousViolations(driver(), "the preview of exam rules");

        field("exam-save").click();
        browser.await("the exam rules listed", page -> text("part-exam").contains("July 1, 2090"));
        assertThat(text("part-exam")).contains("85 %", "Planned");
        browser.await("the addition announced", page -> "The exam rules from July 1, 2090 were added."
                .equals(text("page-status")));
        JsonNode planned = version(admin().get("/api/associations/ma").body().get("exam"), PLANNED);
        assertThat(planned.get("passPercent").asInt()).isEqualTo(85);
        assertThat(planned.get("retakeAfterMonths").asInt()).isEqualTo(12);

        // Requirements start from IFA's in force, which ECFA shares: each category is compared with its own.
        assertThat(new Select(field("requirements-form-startFrom")).getFirstSelectedOption().getAttribute("value"))
                .isEqualTo("IFA");
        assertThat(field("requirements-form-categories").isSelected()).as("IFA").isTrue();
        assertThat(field("requirements-form-categories-ECFA").isSelected()).isTrue();
        assertThat(field("requirements-form-categories-IFS").isSelected()).isFalse();
        assertThat(field("requirements-form-trainingHours").getAttribute("value")).isEqualTo("30");
        setDate("requirements-form-effectiveFrom", PLANNED);
        retype("requirements-form-trainingHours", "32");
        submit("requirements-form");
        browser.await("the requirements' preview", page -> page.findElement(By.id("requirements-preview"))
                .isDisplayed());
        assertThat(driver().findElements(By.cssSelector("#requirements-preview-changes tbody tr")))
                .extracting(WebElement::getText)
                .containsExactly("ECFA: Training hours 30 32", "IFA: Training hours 30 32");

        // A refusal of association-service, shown next to the field its path names: a day of the year that is none.
        setDate("membership-form-effectiveFrom", PLANNED);
        retype("membership-form-nextYearAfter", "13-45");
        submit("membership-form");
        browser.await("the day's error", page -> !text("membership-form-nextYearAfter-error").isEmpty());
        assertThat(text("membership-form-nextYearAfter-error"))
                .isEqualTo("Enter a day of the year as MM-DD, such as 12-31.");
        assertThat(field("membership-form-nextYearAfter").getAttribute("aria-invalid")).isEqualTo("true");
        assertThat(driver().switchTo().activeElement().getAttribute("id")).isEqualTo("membership-form-nextYearAfter");
        assertThat(field("membership-preview").isDisplayed()).isFalse();
        // And one the page finds itself before asking: reminder days that are not days.
        retype("renewal-form-reminderDaysBeforeClosing", "two weeks");
        submit("renewal-form");
        browser.await("the reminders' error", page -> !text("renewal-form-reminderDaysBeforeClosing-error").isEmpty());
        assertThat(text("renewal-form-reminderDaysBeforeClosing-error"))
                .isEqualTo("Enter whole days separated by commas, such as 60, 30, 7.");
        Accessibility.assertNoSeriousViolations(driver(), "new versions refused");
        assertThat(admin().get("/api/associations/ma").body().get("membership")).as("nothing stored").hasSize(1);
    }

    @Test
    @Order(4)
    void theAdminChecksAFileImportsItFollowingItsProgressAndImportsItAgainWithoutChange() throws IOException {
        file = Files.createTempFile("endorsees-", ".csv");
        Files.writeString(file, """
                endorsement_number,name,email,category,endorsed_since,valid_through,status,provides_rsc,ers_add_on
                MA-W-0001,Rosa Pantalla,rosa.pantalla@example.org,IFS,2019-06-30,2027-12-31,ACTIVE,no,no
                MA-W-0002,Ben Screen,ben.screen@example.org,ECFA,6/30/2020,12/31/2027,ACTIVE,no,no
                MA-W-0003,Cy Wrong,not-an-address,IFA,2020-01-15,2027-12-31,ACTIVE,no,no
                """);
        open("/association.html");
        driver().findElement(By.linkText("Import endorsees")).click();
        browser.await("the import page", page -> "Import endorsees".equals(page.findElement(By.tagName("h1"))
                .getText()));
        assertThat(text("example-header")).isEqualTo("endorsement_number,name,email,category,endorsed_since,"
                + "valid_through,status,provides_rsc,ers_add_on");
        assertThat(driver().findElement(By.linkText("Download the example file")).getAttribute("href"))
                .endsWith("/examples/endorsee-import-example.csv");
        Accessibility.assertNoSeriousViolations(driver(), "the import page");

        field("import-file").sendKeys(file.toAbsolutePath().toString());
        field("import-check").click();
        browser.await("the dry run", page -> !page.findElements(By.cssSelector("#check-result tbody tr")).isEmpty());
        assertThat(text("check-result")).contains("Rows in the file: 3; ready to import: 2; problems: 1.");
        WebElement problem = driver().findElement(By.cssSelector("#check-result tbody tr"));
        assertThat(problem.getText()).contains("4", "email", "Not an email address.");
        assertThat(admin().get("/api/registry/endorsements/MA-W-0001").status()).as("nothing written").isEqualTo(404);
        Accessibility.assertNoSeriousViolations(driver(), "a file checked");

        field("import-start").click();
        browser.await("the import finished", page -> text("progress-text").startsWith("Finished"));
        assertThat(text("progress-text")).isEqualTo("Finished: 3 of 3 rows.");
        assertThat(field("import-progress").getAttribute("value")).isEqualTo("3");
        assertThat(text("result-imported")).isEqualTo("2");
        assertThat(text("result-unchanged")).isEqualTo("0");
        assertThat(text("result-failed")).isEqualTo("1");
        assertThat(text("import-result")).contains("Rows not imported", "email",
                "Not an email address.", "admin-ma");
        browser.await("the result announced", page -> "Import finished: 2 imported, 0 unchanged, 1 failed."
                .equals(text("import-status")));
        Accessibility.assertNoSeriousViolations(driver(), "an import finished");
        await("the imported endorsement in the registry").atMost(RunningPlatform.HOP).until(() -> "ACTIVE".equals(
                ApiClient.at(gateway()).get("/api/registry/endorsements/MA-W-0001").at("/status")));

        field("import-start").click();
        browser.await("the second import finished", page -> "2".equals(text("result-unchanged")));
        assertThat(text("result-imported")).isEqualTo("0");
        assertThat(text("result-failed")).isEqualTo("1");
    }

    @Test
    @Order(5)
    void bothPagesSpeakSpanish() {
        open("/association.html");
        browser.await("the association's versions", page -> !page.findElements(By.cssSelector("#part-fees tbody tr"))
                .isEmpty());
        driver().findElement(By.cssSelector("button[data-language=es]")).click();
        browser.await("the page in Spanish", page -> page.findElement(By.id("part-fees")).getText()
                .contains("Cuotas"));
        assertThat(text("heading")).contains("Massachusetts");
        assertThat(text("part-fees")).contains("Vigente", "Prevista", "17,50");
        assertThat(driver().findElement(By.cssSelector("label[for='fee-form-registration.1']")).getText())
                .isEqualTo("Cuota de inscripción, nivel I");
        assertThat(driver().getTitle()).startsWith("Mi asociación");
        openEveryForm();
        assertThat(text("part-exam")).contains("85 %", "Prevista");
        assertThat(driver().findElement(By.cssSelector("label[for='exam-form-passPercent']")).getText())
                .isEqualTo("Nota mínima de cada parte, en por ciento");
        assertThat(driver().findElement(By.cssSelector("label[for='referenceForm-form-items[0].text']")).getText())
                .isEqualTo("Punto 1 (relationships)");
        assertThat(text("renewal-summary")).isEqualTo("Una nueva política de renovación");
        Accessibility.assertNoSeriousViolations(driver(), "the association's page in Spanish");

        open("/import.html");
        assertThat(driver().findElement(By.tagName("h1")).getText()).isEqualTo("Importar profesionales acreditados");
        field("import-check").click();
        browser.await("a file asked for", page -> !text("import-file-error").isEmpty());
        assertThat(text("import-file-error")).isEqualTo("Elija primero el archivo CSV.");
        Accessibility.assertNoSeriousViolations(driver(), "the import page in Spanish");
        ((JavascriptExecutor) driver()).executeScript("localStorage.clear()");
    }

    @Test
    @Order(6)
    void theOperatorAddsAnAssociationWhosePolicyStartsAsACopyOfAnothers() {
        open("/association.html");
        browser.signOut(gateway());
        browser.signIn(gateway(), "operator", "/association.html");
        browser.await("the associations to choose from", page -> page.findElement(By.id("platform")).isDisplayed()
                && page.findElements(By.cssSelector("#choose-code option")).size() >= 2
                && !page.findElements(By.cssSelector("#part-fees tbody tr")).isEmpty());
        assertThat(driver().findElement(By.linkText("Operations")).isDisplayed()).isTrue();
        new Select(field("choose-code")).selectByValue("wa");
        submit("choose-form");
        browser.await("Washington's record", page -> text("heading").equals("Center for Early Relational Health"));
        Accessibility.assertNoSeriousViolations(driver(), "the associations as the operator sees them");

        retype("create-form-code", "VT");
        retype("create-form-name", "Vermont Association for Infant Mental Health");
        retype("create-form-state", "VT");
        retype("create-form-timeZone", "America/New_York");
        field("create-form-languages").click();
        retype("create-form-badgeIssuer.name", "VT-AIMH");
        new Select(field("create-policyFrom")).selectByValue("ma");
        submit("create-form");
        browser.await("the code's error", page -> !text("create-form-code-error").isEmpty());
        assertThat(text("create-form-code-error"))
                .isEqualTo("Use 2 to 16 lower-case letters, digits or hyphens, starting with a letter.");
        assertThat(field("create-form-name").getAttribute("value"))
                .isEqualTo("Vermont Association for Infant Mental Health");

        retype("create-form-code", "vt");
        submit("create-form");
        browser.await("the new association", page -> text("heading").equals(
                "Vermont Association for Infant Mental Health"));
        assertThat(text("part-fees")).contains("$15.00 / $20.00 / $25.00 / $25.00");
        assertThat(new Select(field("choose-code")).getFirstSelectedOption().getAttribute("value")).isEqualTo("vt");
        JsonNode created = RunningPlatform.get().signedIn("operator", "ma").get("/api/associations/vt").body();
        assertThat(created.get("state").asText()).isEqualTo("VT");
        assertThat(created.at("/badgeIssuer/name").asText()).isEqualTo("VT-AIMH");
        assertThat(created.get("fees").size()).isEqualTo(admin().get("/api/associations/ma").body().get("fees").size());
    }

    /** Opens every part's form (the fee schedule's is open at first). */
    private static void openEveryForm() {
        ((JavascriptExecutor) driver()).executeScript(
                "document.querySelectorAll('#version-forms details').forEach((part) => { part.open = true; })");
    }

    /** The version of a part that starts on {@code effectiveFrom}. */
    private static JsonNode version(JsonNode versions, String effectiveFrom) {
        for (JsonNode version : versions) {
            if (effectiveFrom.equals(version.get("effectiveFrom").asText())) {
                return version;
            }
        }
        throw new AssertionError("No version from " + effectiveFrom + " in " + versions);
    }

    private static ApiClient admin() {
        return RunningPlatform.get().signedIn("admin-ma", "ma");
    }

    private static WebDriver driver() {
        return browser.driver();
    }

    private static String gateway() {
        return RunningPlatform.get().gatewayUrl();
    }

    private static void open(String path) {
        browser.open(gateway(), path);
        if (path.startsWith("/association.html")) {
            browser.await("the fee form filled in", page -> !page.findElement(By.id("fee-form-currency"))
                    .getAttribute("value").isEmpty());
        }
    }

    private static void submit(String form) {
        driver().findElement(By.cssSelector("#" + form + " button[type=submit]")).click();
    }

    private static void retype(String id, String value) {
        field(id).clear();
        field(id).sendKeys(value);
    }

    /** A date input takes its value in the browser's own format when typed; set it as the page reads it. */
    private static void setDate(String id, String isoDate) {
        ((JavascriptExecutor) driver()).executeScript("arguments[0].value = arguments[1];"
                + "arguments[0].dispatchEvent(new Event('input', { bubbles: true }))", field(id), isoDate);
    }

    private static WebElement field(String id) {
        return driver().findElement(By.id(id));
    }

    private static String text(String id) {
        return driver().findElement(By.id(id)).getText();
    }
}
