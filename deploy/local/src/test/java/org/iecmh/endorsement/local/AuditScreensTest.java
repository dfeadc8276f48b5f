package org.iecmh.endorsement.local;

import org.iecmh.endorsement.testkit.ApiClient;
import org.iecmh.endorsement.testkit.ApiClient.Response;
import org.iecmh.endorsement.testkit.PostgresServer;
import org.iecmh.endorsement.testkit.RealInfrastructure;
import org.junit.jupiter.api.AfterAll;
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
import org.openqa.selenium.chromium.ChromiumDriver;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The auditor's and the operator's screens in a real headless Chromium, against the running platform. An applicant
 * of Washington starts an application through the API, records two portfolio entries and withdraws it, so that its
 * history has four events by two kinds of hand; Washington's auditor then reads it in the browser, replays it to an
 * earlier point, verifies its chain (intact, then broken by an event altered in the database and restored), exports
 * the person's history and a period of the association's events; the platform operator rebuilds read models. Each
 * screen and state is checked with axe-core.
 */
@Order(5)
@ExtendWith(RunningPlatform.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class AuditScreensTest {

    private static final String APPLICANT = "applicant3-wa";
    private static final String NAME = "Rosa Auditada";
    private static final Dimension DESKTOP = new Dimension(1024, 900);

    @RegisterExtension
    static final Browser browser = new Browser();

    private static String applicationId;
    private static String signedIn;
    private static Path downloads;

    @BeforeAll
    static void downloadsGoToAFolderOfTheTest() throws IOException {
        downloads = Files.createTempDirectory("iecmh-downloads-");
        ((ChromiumDriver) driver()).executeCdpCommand("Browser.setDownloadBehavior", Map.of("behavior", "allow",
                "downloadPath", downloads.toAbsolutePath().toString()));
    }

    @BeforeAll
    static void anApplicationWithAHistoryOfFourEvents() {
        ApiClient applicant = RunningPlatform.get().signedIn(APPLICANT, "wa");
        Response started = RunningPlatform.get().started(applicant, Map.of("applicantName", NAME, "category", "IFA",
                "contactEmail", "rosa@example.org", "stateOfResidence", "WA"));
        assertThat(started.status()).as(started.text()).isEqualTo(201);
        applicationId = started.at("/applicationId");
        String application = "/api/applications/" + applicationId;
        assertThat(applicant.post(application + "/portfolio/education", Map.of("degree", "ASSOCIATE",
                "field", "Early childhood", "institution", "Spokane Community College", "year", 2017))
                .status()).isEqualTo(201);
        assertThat(applicant.post(application + "/portfolio/trainings", Map.of("title", "Observation",
                "provider", "WA-AIMH", "attendedOn", "2024-04-02", "hours", 12, "domains", List.of("THINKING")))
                .status()).isEqualTo(201);
        Response withdrawn = applicant.post(application + "/withdrawal", Map.of("reason", "Moving abroad"));
        assertThat(withdrawn.at("/status")).as(withdrawn.text()).isEqualTo("WITHDRAWN");
    }

    @AfterAll
    static void removeTheDownloads() throws IOException {
        try (var files = Files.walk(downloads)) {
            files.sorted(Comparator.reverseOrder()).forEach(file -> file.toFile().delete());
        }
    }

    @BeforeEach
    void onADesktopInEnglish() {
        driver().manage().window().setSize(DESKTOP);
        if (signedIn != null) {
            ((JavascriptExecutor) driver()).executeScript("localStorage.clear()");
        }
    }

    @Test
    @Order(1)
    void theAuditorReadsTheApplicationsHistoryInOrderWithWhoDidWhatAndOneEventsPayload() {
        signInAs("auditor-wa", "/audit.html");
        awaitMessages();
        Accessibility.assertNoSeriousViolations(driver(), "the audit screen");

        field("id").sendKeys(applicationId);
        submit("open");

        browser.await("the timeline", page -> page.findElements(By.cssSelector("#timeline > li")).size() == 4);
        assertThat(text("history-heading")).isEqualTo("History of application " + applicationId);
        assertThat(text("history-status")).isEqualTo("Events 1 to 4 of 4, oldest first.");
        assertThat(driver().findElements(By.cssSelector("#timeline > li h3")).stream().map(WebElement::getText))
                .containsExactly("Application started", "Portfolio entry recorded", "Portfolio entry recorded",
                        "Application withdrawn");
        List<WebElement> events = driver().findElements(By.cssSelector("#timeline > li"));
        assertThat(events.get(0).getText()).contains("ApplicationStarted", "applicant3-wa, as applicant",
                "Correlation id", "Causation id", "Event number\n0");
        assertThat(events.get(3).getText()).contains("ApplicationWithdrawn", "Event number\n3");

        WebElement payload = events.get(0).findElement(By.cssSelector("details pre"));
        assertThat(payload.isDisplayed()).isFalse();
        events.get(0).findElement(By.tagName("summary")).click();
        browser.await("the payload", page -> payload.isDisplayed());
        assertThat(payload.getText()).contains("\"applicantName\": \"" + NAME + "\"", "\"personId\": \"" + APPLICANT);
        Accessibility.assertNoSeriousViolations(driver(), "an application's history with a payload open");

        // The type filter offers what application-service says an application stores, not a list in the page.
        assertThat(new Select(driver().findElement(By.id("history-type"))).getOptions().stream()
                .map(option -> option.getAttribute("value")))
                .contains("ScorersAssigned", "SectionCommented").doesNotContain("PriorEndorsementRecorded");
        new Select(driver().findElement(By.id("history-type"))).selectByValue("PortfolioEntryRecorded");
        submit("open");
        browser.await("the filtered timeline", page -> page.findElement(By.id("history-status")).getText()
                .equals("Events 1 to 2 of 2, oldest first."));
        assertThat(driver().findElements(By.cssSelector("#timeline > li h3")).stream().map(WebElement::getText))
                .containsExactly("Portfolio entry recorded", "Portfolio entry recorded");
    }

    @Test
    @Order(2)
    void theAuditorSeesTheApplicationAsItWasAfterAnEarlierEventAndVerifiesItsChain() {
        openHistory("applications", applicationId, 4);
        field("sequence").sendKeys("1");
        submit("state-form");

        browser.await("the past state", page -> page.findElement(By.id("state-result")).isDisplayed());
        assertThat(text("state-result-heading")).startsWith("Application " + applicationId + " after event 1 (");
        assertThat(text("state-facts")).contains("Applicant\n" + NAME, "Status\nDraft", "Association\nwa")
                .doesNotContain("Withdrawn");
        assertThat(text("state-status")).isEqualTo("The record as it was after event 1.");
        Accessibility.assertNoSeriousViolations(driver(), "an application's past state");

        // After the last event it is withdrawn: the same form, through the timeline's own button.
        driver().findElements(By.cssSelector("#timeline > li")).get(3)
                .findElement(By.cssSelector("button.link")).click();
        browser.await("the state after event 3", page -> page.findElement(By.id("state-result-heading")).getText()
                .contains("after event 3"));
        assertThat(text("state-facts")).contains("Status\nWithdrawn");

        driver().findElement(By.id("verify-record")).click();
        browser.await("the verification", page -> !page.findElement(By.id("verify-result")).getText().isEmpty());
        assertThat(text("verify-result")).contains("Intact: nothing was altered.",
                "4 events checked; each links to the one before it.");
        assertThat(text("verify-status")).isEqualTo("Intact: nothing was altered.");

        new Select(driver().findElement(By.id("verify-kind"))).selectByValue("applications");
        submit("verify-form");
        browser.await("the association's verification", page -> page.findElement(By.id("verify-result")).getText()
                .contains("records checked"));
        assertThat(text("verify-result")).contains("Intact: nothing was altered.");
        Accessibility.assertNoSeriousViolations(driver(), "a chain verification");
    }

    @Test
    @Order(3)
    void anEventAlteredInTheStoreBreaksTheChainAndTheScreenNamesTheLink() {
        // Someone with access to the database changes the institution of the education entry (event 1), in place.
        JdbcTemplate applications = database("application");
        String alter = "UPDATE domain_event_entry SET payload = convert_to(replace(convert_from(payload, 'UTF8'),"
                + " ?, ?), 'UTF8') WHERE aggregate_identifier = ? AND sequence_number = 1";
        assertThat(applications.update(alter, "Spokane", "Sometown", applicationId)).isEqualTo(1);
        try {
            openHistory("applications", applicationId, 4);
            driver().findElement(By.id("verify-record")).click();
            browser.await("the verification", page -> !page.findElement(By.id("verify-result")).getText().isEmpty());
            assertThat(text("verify-result")).contains("Broken: the stored history was altered.",
                    "At event 1 of " + applicationId
                            + ": this event, or one before it, was changed after it was stored.",
                    "Expected", "Found");
            assertThat(text("verify-status")).isEqualTo("Broken: the stored history was altered.");
            Accessibility.assertNoSeriousViolations(driver(), "a broken chain");
        } finally {
            // The same bytes back: the chain holds again, for this story and the ones after it.
            applications.update(alter, "Sometown", "Spokane", applicationId);
        }
        driver().findElement(By.id("verify-record")).click();
        browser.await("the verification again", page -> page.findElement(By.id("verify-result")).getText()
                .contains("Intact: nothing was altered."));
    }

    @Test
    @Order(4)
    void theAuditorOpensThePersonsHistoryAndDownloadsItsSignedExport() throws IOException {
        // Washington asks applicants to be members first: the membership's invoice names the person too.
        int membership = RunningPlatform.get().signedIn("auditor-wa", "wa")
                .get("/api/audit/invoices/people/" + APPLICANT + "/events").body().get("total").asInt();
        assertThat(membership).isPositive();
        openHistory("people", APPLICANT, 4 + membership);
        assertThat(text("history-heading")).isEqualTo("Everything that names " + APPLICANT);
        assertThat(driver().findElements(By.cssSelector("#timeline > li"))).extracting(WebElement::getText)
                .anySatisfy(item -> assertThat(item).contains("Record\napplication " + applicationId));
        assertThat(driver().findElement(By.id("state-section")).isDisplayed()).isFalse();

        driver().findElement(By.id("person-export-button")).click();
        WebElement link = browser.await("the export's file", page -> page.findElements(
                By.cssSelector("#person-export-files a[download]")).stream().findFirst().orElse(null));
        // One file per service that names the person: the applications, and the membership's invoice.
        assertThat(text("person-export-status")).isEqualTo("The signed export is ready: 2 file(s) to save.");
        assertThat(link.getAttribute("download")).isEqualTo("applications-" + APPLICANT + ".zip");
        assertThat(link.getAttribute("href")).startsWith("blob:");
        // Saving it as a person does: the browser writes the file to its download folder.
        Path saved = downloads.resolve("applications-" + APPLICANT + ".zip");
        link.click();
        await("the saved zip").atMost(RunningPlatform.HOP).until(() -> Files.isRegularFile(saved)
                && Files.size(saved) > 0 && !Files.exists(downloads.resolve(saved.getFileName() + ".crdownload")));
        assertThat(entriesOf(saved)).containsExactlyInAnyOrder("events.jsonl", "manifest.json", "manifest.jws");
        Accessibility.assertNoSeriousViolations(driver(), "a person's history with the signed export");
    }

    @Test
    @Order(5)
    void theAssociationsEventsOfAPeriodArriveWithProgressUntilTheTotal() {
        open("/audit.html");
        // The period: from a day ago until a minute from now, in the browser's local time.
        ((JavascriptExecutor) driver()).executeScript("""
                const local = d => new Date(d.getTime() - d.getTimezoneOffset() * 60000).toISOString().slice(0, 19);
                document.getElementById('export-from').value = local(new Date(Date.now() - 86400000));
                document.getElementById('export-to').value = local(new Date(Date.now() + 60000));""");
        new Select(driver().findElement(By.id("export-kind"))).selectByValue("applications");
        submit("period-export");

        browser.await("the whole export", page -> page.findElement(By.id("export-status")).getText()
                .startsWith("Export complete"));
        Matcher done = Pattern.compile("Export complete: ([\\d,]+) of ([\\d,]+) events\\. Save the file below\\.")
                .matcher(text("export-status"));
        assertThat(done.matches()).as(text("export-status")).isTrue();
        assertThat(done.group(1)).isEqualTo(done.group(2));
        assertThat(Integer.parseInt(done.group(2).replace(",", ""))).isGreaterThanOrEqualTo(4);
        WebElement progress = driver().findElement(By.id("export-progress"));
        assertThat(progress.getAttribute("value")).isEqualTo(progress.getAttribute("max"));
        assertThat(text("export-count")).isEqualTo(done.group(1) + " of " + done.group(2) + " events");
        assertThat(driver().findElement(By.cssSelector("#export-files a[download]")).getAttribute("download"))
                .startsWith("applications-events-").endsWith(".jsonl");
        assertThat(driver().findElement(By.id("export-cancel")).isDisplayed()).isFalse();
        Accessibility.assertNoSeriousViolations(driver(), "a finished export of a period");

        // On a slow line, cancelling stops the download: nothing is offered to save.
        ChromiumDriver chromium = (ChromiumDriver) driver();
        chromium.executeCdpCommand("Network.enable", Map.of());
        chromium.executeCdpCommand("Network.emulateNetworkConditions", Map.of("offline", false, "latency", 0,
                "downloadThroughput", 200, "uploadThroughput", -1));
        try {
            submit("period-export");
            browser.await("the export under way", page -> !page.findElement(By.id("export-count")).getText()
                    .isEmpty() && page.findElement(By.id("export-cancel")).isDisplayed());
            driver().findElement(By.id("export-cancel")).click();
            browser.await("the cancelled export", page -> page.findElement(By.id("export-status")).getText()
                    .startsWith("Export cancelled"));
        } finally {
            chromium.executeCdpCommand("Network.emulateNetworkConditions", Map.of("offline", false, "latency", 0,
                    "downloadThroughput", -1, "uploadThroughput", -1));
        }
        assertThat(text("export-status"))
                .matches("Export cancelled after [\\d,]+ of [\\d,]+ events; nothing was saved\\.");
        assertThat(driver().findElements(By.cssSelector("#export-files a"))).isEmpty();
        assertThat(driver().findElement(By.id("export-cancel")).isDisplayed()).isFalse();

        // A period that ends before it starts is refused next to its end.
        ((JavascriptExecutor) driver()).executeScript(
                "document.getElementById('export-to').value = document.getElementById('export-from').value");
        submit("period-export");
        browser.await("the period's error", page -> !page.findElement(By.id("export-to-error")).getText().isEmpty());
        assertThat(text("export-to-error")).isEqualTo("The end must come after the start.");
        assertThat(driver().findElement(By.id("export-to")).getAttribute("aria-invalid")).isEqualTo("true");
    }

    @Test
    @Order(6)
    void theHistorySpeaksSpanish() {
        openHistory("applications", applicationId, 4);
        driver().findElement(By.cssSelector("button[data-language=es]")).click();
        browser.await("the page in Spanish", page -> "es".equals(page.findElement(By.tagName("html"))
                .getAttribute("lang")));
        assertThat(text("history-heading")).isEqualTo("Historial de la solicitud " + applicationId);
        assertThat(text("history-status")).isEqualTo("Eventos 1 a 4 de 4, del más antiguo al más reciente.");
        assertThat(driver().findElements(By.cssSelector("#timeline > li h3")).stream().map(WebElement::getText))
                .containsExactly("Solicitud iniciada", "Entrada del portafolio registrada",
                        "Entrada del portafolio registrada", "Solicitud retirada");
        assertThat(text("main")).contains("Auditoría", "Verificación de la cadena",
                "applicant3-wa, como solicitante");
        assertThat(driver().getTitle()).startsWith("Auditoría");
        Accessibility.assertNoSeriousViolations(driver(), "the audit screen in Spanish");
    }

    @Test
    @Order(7)
    void onAPhoneTheHistoryFitsTheWidthAndAnUnknownIdIsShownNextToTheField() {
        driver().manage().window().setSize(new Dimension(390, 844));
        openHistory("applications", applicationId, 4);
        assertThat(horizontalOverflow()).as("the history fits the phone's width").isFalse();
        Accessibility.assertNoSeriousViolations(driver(), "an application's history on a phone");

        field("id").clear();
        field("id").sendKeys("no-such-application");
        submit("open");
        browser.await("the id's error", page -> !page.findElement(By.id("record-id-error")).getText().isEmpty());
        assertThat(text("record-id-error")).isEqualTo("No application of your association has this id.");
        assertThat(field("id").getAttribute("aria-invalid")).isEqualTo("true");
        assertThat(driver().switchTo().activeElement().getAttribute("id")).isEqualTo("record-id");
        assertThat(driver().findElement(By.id("history")).isDisplayed()).isFalse();
        assertThat(horizontalOverflow()).as("the form fits the phone's width").isFalse();
        Accessibility.assertNoSeriousViolations(driver(), "an unknown id on a phone");
    }

    @Test
    @Order(8)
    void anotherAssociationsAdminFindsNoSuchApplication() {
        signInAs("admin-ma", "/audit.html");
        open("/audit.html?kind=applications&id=" + applicationId);
        browser.await("the id's error", page -> !page.findElement(By.id("record-id-error")).getText().isEmpty());
        assertThat(text("record-id-error")).isEqualTo("No application of your association has this id.");
        assertThat(text("account")).contains("Massachusetts, administrator");
    }

    @Test
    @Order(9)
    void theOperatorRebuildsAReadModelAndFollowsItUntilItIsDone() {
        // A rebuild another operator started on another instance, running when this one opens the page.
        JdbcTemplate payments = RunningPlatform.get().bean("payment-service", JdbcTemplate.class);
        Timestamp now = Timestamp.from(RunningPlatform.get().bean("payment-service", Clock.class).instant());
        payments.update("""
                INSERT INTO read_model_rebuild (id, read_model, owner, status, processed, head, started_at, heartbeat_at)
                VALUES ('started-elsewhere', 'invoice-view', 'another-instance', 'RUNNING', 4, 10, ?, ?)""", now, now);
        signInAs("operator", "/operations.html");
        browser.await("the rebuild started elsewhere", page -> text("rebuild-payments-invoice-view-text")
                .equals("Running: 4 of 10 events"));
        assertThat(driver().findElement(By.id("rebuild-payments-invoice-view-button")).isEnabled()).isFalse();
        payments.update("""
                UPDATE read_model_rebuild SET status = 'DONE', processed = 10, finished_at = heartbeat_at
                WHERE id = 'started-elsewhere'""");
        browser.await("its end announced", page -> text("operations-status")
                .equals("Rebuild of “Invoices and what is owed” done: 10 of 10 events."));
        assertThat(text("rebuild-payments-invoice-view-text")).isEqualTo("Done: 10 of 10 events replayed");

        browser.await("the read models", page -> page.findElements(By.cssSelector(".read-model")).size() >= 5);
        assertThat(text("services")).contains("Applications (application-service)", "application-view",
                "Endorsements (renewal-service)", "endorsement-view", "reflective-supervision-providers",
                "Payments (payment-service)", "invoice-view", "Public registry (registry-service)");
        Accessibility.assertNoSeriousViolations(driver(), "the operations screen");

        driver().findElement(By.id("rebuild-applications-application-view-button")).click();
        awaitRebuilt("rebuild-applications-application-view-text");
        Matcher done = Pattern.compile("Done: ([\\d,]+) of ([\\d,]+) events replayed")
                .matcher(text("rebuild-applications-application-view-text"));
        assertThat(done.matches()).as(text("rebuild-applications-application-view-text")).isTrue();
        assertThat(done.group(1)).isEqualTo(done.group(2));
        assertThat(Integer.parseInt(done.group(2).replace(",", ""))).as("the events replayed, ours among them")
                .isGreaterThanOrEqualTo(4);
        assertThat(text("operations-status")).isEqualTo("Rebuild of “Applications as staff and applicants see them”"
                + " done: " + done.group(1) + " of " + done.group(2) + " events.");
        assertThat(driver().findElement(By.id("rebuild-applications-application-view-button")).isEnabled()).isTrue();
        Accessibility.assertNoSeriousViolations(driver(), "a finished rebuild");

        driver().findElement(By.id("rebuild-registry-registry-button")).click();
        awaitRebuilt("rebuild-registry-registry-text");
        assertThat(text("rebuild-registry-registry-text")).matches("Done: [\\d,]+ of [\\d,]+ events replayed");
    }

    /** A rebuild replays the whole store (the registry: its topics), which may take longer than a page does. */
    private static void awaitRebuilt(String progressText) {
        new WebDriverWait(driver(), RunningPlatform.HOP).withMessage("the rebuild done (" + progressText + ")")
                .until(page -> page.findElement(By.id(progressText)).getText().startsWith("Done"));
    }

    private static void signInAs(String user, String path) {
        String gateway = RunningPlatform.get().gatewayUrl();
        if (signedIn != null) {
            // Signing out leads to "/": start elsewhere, so that the wait sees the page it leads to.
            open("/verify.html");
            browser.signOut(gateway);
        }
        browser.signIn(gateway, user, path);
        signedIn = user;
    }

    private static void openHistory(String kind, String id, int events) {
        open("/audit.html");
        driver().findElement(By.id("kind-" + kind)).click();
        field("id").sendKeys(id);
        submit("open");
        browser.await("the timeline of " + id, page -> page.findElements(By.cssSelector("#timeline > li")).size()
                == events);
    }

    private static void submit(String form) {
        driver().findElement(By.cssSelector("#" + form + " button[type=submit]")).click();
    }

    private static WebDriver driver() {
        return browser.driver();
    }

    private static void open(String path) {
        driver().get(RunningPlatform.get().gatewayUrl() + path);
        awaitMessages();
    }

    private static void awaitMessages() {
        browser.await("the page's messages", page -> !page.findElements(
                By.cssSelector("button[data-language][aria-pressed=true]")).isEmpty()
                && !page.findElement(By.tagName("h1")).getText().isEmpty()
                && !page.findElement(By.id("account")).getText().isEmpty());
    }

    private static JdbcTemplate database(String name) {
        PostgresServer postgres = RealInfrastructure.postgres();
        return new JdbcTemplate(new DriverManagerDataSource(postgres.jdbcUrl(RunningPlatform.get().database(name)),
                postgres.username(), postgres.password()));
    }

    private static List<String> entriesOf(Path zip) throws IOException {
        List<String> names = new ArrayList<>();
        try (ZipInputStream entries = new ZipInputStream(Files.newInputStream(zip))) {
            for (ZipEntry entry = entries.getNextEntry(); entry != null; entry = entries.getNextEntry()) {
                names.add(entry.getName());
            }
        }
        return names;
    }

    private static boolean horizontalOverflow() {
        return Boolean.TRUE.equals(((JavascriptExecutor) driver()).executeScript(
                "return document.documentElement.scrollWidth > document.documentElement.clientWidth"));
    }

    private static WebElement field(String id) {
        return driver().findElement(By.id(switch (id) {
            case "id" -> "record-id";
            case "sequence" -> "state-sequence";
            default -> id;
        }));
    }

    private static String text(String id) {
        WebElement element = "main".equals(id) ? driver().findElement(By.tagName("main"))
                : driver().findElement(By.id(id));
        return element.getText();
    }
}
