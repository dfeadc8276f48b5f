package org.iecmh.endorsement.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.mail.internet.MimeMessage;
import org.axonframework.eventhandling.GenericEventMessage;
import org.iecmh.endorsement.contracts.EndorsementGranted;
import org.iecmh.endorsement.kit.audit.AuditMetadata;
import org.iecmh.endorsement.kit.messaging.IntegrationEventPublisher;
import org.iecmh.endorsement.renewal.policy.TenantPolicies;
import org.iecmh.endorsement.renewal.schedule.Schedule;
import org.iecmh.endorsement.testkit.ApiClient;
import org.iecmh.endorsement.testkit.ApiClient.Response;
import org.iecmh.endorsement.testkit.Given;
import org.iecmh.endorsement.testkit.RealInfrastructure;
import org.iecmh.endorsement.testkit.SmtpServer;
import org.junit.jupiter.api.AfterAll;
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
import org.openqa.selenium.support.ui.Select;
import org.springframework.jdbc.core.JdbcTemplate;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Renewal life rehearsed on the running platform, its clocks moved as {@code deploy/local/run --clock} lets a person
 * move them: one Washington cycle (reminders mailed before the renewal period, the mail that it opened, the endorsee
 * logging the year's training and submitting in the browser, the coordinator approving it in the browser), one
 * Massachusetts lapse and reinstatement, and a Washington renewal drawn for an audit of its evidence once the
 * association samples every renewal (a file and the renewal returned, the endorsee answering both, the coordinator
 * approving once the audit closed). Runs after every other story, which run on the real time, and puts the time back
 * when it is done.
 */
@Order(9)
@ExtendWith(RunningPlatform.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RenewalRehearsalTest {

    private static final String ENDORSEE = "endorsee-wa";
    private static final String NUMBER = "WA-900001";
    private static final String MAIL = "endorsee-wa@example.org";
    private static final String MA_ENDORSEE = "endorsee-ma";
    private static final String MA_NUMBER = "MA-900002";
    private static final String AUDITED_NUMBER = "WA-900003";

    @RegisterExtension
    static final Browser browser = new Browser();

    /** Each person starts on a browser nobody is signed in to, whatever the story before left behind. */
    @BeforeEach
    void nobodyIsSignedIn() {
        signOut();
    }

    @AfterAll
    static void backToTheRealTime() {
        RunningPlatform.get().moveClocksTo(Instant.now());
    }

    @Test
    @Order(1)
    void aWashingtonEndorseeIsRemindedBeforeTheWindowSeesItOpenRenewsAndTheCoordinatorApproves() throws Exception {
        RunningPlatform running = RunningPlatform.get();
        ApiClient coordinator = running.signedIn("coordinator-wa", "wa");
        // Granted today (the real day), valid through the close of Washington's 2027 window.
        EndorsementGranted granted = Given.grantedEndorsement(NUMBER).heldBy(ENDORSEE).named("Rehearsal Endorsee")
                .in("IFA").grantedAt(Instant.now()).writtenTo(MAIL).event();
        running.bean("renewal-service", IntegrationEventPublisher.class).publish(granted,
                new GenericEventMessage<>(granted, Map.of(AuditMetadata.TENANT, "wa")));
        await("the endorsement kept").atMost(RunningPlatform.HOP)
                .until(() -> coordinator.get("/api/endorsements/" + NUMBER).status() == 200);
        // Washington asks a membership every year: bought today, after September 1, it runs through 2027.
        membershipBought(coordinator, NUMBER);

        // Noon in Seattle, 60, 30 and 7 days before October 1 of 2027: "several reminders before each renewal period".
        Schedule schedule = running.bean("renewal-service", Schedule.class);
        for (String day : List.of("2027-08-02", "2027-09-01", "2027-09-24")) {
            running.moveClocksTo(Instant.parse(day + "T19:00:00Z"));
            schedule.sweep();
        }
        await("three reminders").atMost(RunningPlatform.HOP)
                .until(() -> RealInfrastructure.smtp().receivedFor(MAIL).size() == 3);
        MimeMessage first = RealInfrastructure.smtp().receivedFor(MAIL).get(0);
        // The endorsee chose no language: the association's first.
        assertThat(first.getSubject()).isEqualTo("Endorsement " + NUMBER + ": renewal opens on October 1, 2027");
        assertThat(SmtpServer.plainText(first)).contains("60 days from now")
                .contains("/endorsement.html?number=" + NUMBER);

        running.moveClocksTo(Instant.parse("2027-10-01T19:00:00Z"));
        schedule.sweep();
        await("the window's mail").atMost(RunningPlatform.HOP)
                .until(() -> RealInfrastructure.smtp().receivedFor(MAIL).size() == 4);
        assertThat(RealInfrastructure.smtp().receivedFor(MAIL).get(3).getSubject())
                .startsWith("Endorsement " + NUMBER + ": the renewal period is open");

        // The endorsee, in the browser: logs 2027's training and submits the renewal.
        browser.signIn(gateway(), ENDORSEE, "/endorsement.html?number=" + NUMBER);
        browser.await("the endorsement", page -> page.findElement(By.id("end-body")).isDisplayed());
        assertThat(text("renewal-state")).isEqualTo("The renewal window is open: submit your renewal.");
        assertThat(text("years")).contains("Year 2027", "Membership").doesNotContain("Code of ethics");
        Accessibility.assertNoSeriousViolations(driver(), "an endorsement whose renewal window is open");
        driver().findElement(By.id("training-summary")).click();
        driver().findElement(By.id("training-title")).sendKeys("Relationship-based practice");
        ((JavascriptExecutor) driver()).executeScript("arguments[0].value = arguments[1]",
                driver().findElement(By.id("training-attendedOn")), "2027-05-01");
        driver().findElement(By.id("training-hours")).sendKeys("15");
        driver().findElement(By.id("training-submit")).click();
        browser.await("the year met", page -> text("hours-summary").equals("Every year so far meets what is asked."));
        driver().findElement(By.cssSelector("#renewal-form button[type=submit]")).click();
        browser.await("the renewal submitted", page -> text("renewal-state")
                .equals("Your renewal was submitted; the association reviews it."));
        Accessibility.assertNoSeriousViolations(driver(), "an endorsement whose renewal is submitted");
        await("the mail that the renewal was received").atMost(RunningPlatform.HOP)
                .until(() -> RealInfrastructure.smtp().receivedFor(MAIL).size() == 5);
        MimeMessage received = RealInfrastructure.smtp().receivedFor(MAIL).get(4);
        assertThat(received.getSubject()).isEqualTo("Endorsement " + NUMBER + ": we received your renewal");
        assertThat(SmtpServer.plainText(received)).contains("/endorsement.html?number=" + NUMBER);

        // The coordinator, in the browser: opens it and approves; it runs to the close of the 2030 window.
        signOut();
        browser.signIn(gateway(), "coordinator-wa", "/renewals.html?number=" + NUMBER);
        browser.await("the submitted renewal", page -> page.findElement(By.id("approve-renewal-form")).isDisplayed());
        Accessibility.assertNoSeriousViolations(driver(), "a renewal to approve");
        driver().findElement(By.cssSelector("#approve-renewal-form button[type=submit]")).click();
        browser.await("the renewal approved", page -> text("renewal-status").startsWith("The renewal is approved"));
        assertThat(coordinator.get("/api/endorsements/" + NUMBER).at("/validThrough")).isEqualTo("2030-12-31");
        await("the mail that it is renewed").atMost(RunningPlatform.HOP)
                .until(() -> RealInfrastructure.smtp().receivedFor(MAIL).size() == 6);
        MimeMessage renewed = RealInfrastructure.smtp().receivedFor(MAIL).get(5);
        assertThat(renewed.getSubject()).isEqualTo("Endorsement " + NUMBER + " is renewed");
        assertThat(SmtpServer.plainText(renewed)).contains("/endorsement.html?number=" + NUMBER);
        List<String> messageIds = new ArrayList<>();
        for (MimeMessage mail : RealInfrastructure.smtp().receivedFor(MAIL)) {
            messageIds.add(mail.getMessageID());
        }
        assertThat(messageIds).as("each mail once").doesNotHaveDuplicates();
    }

    @Test
    @Order(2)
    void aMassachusettsEndorsementLapsesWhenItsLastDayEndsInBostonAndIsReinstatedUnderItsOwnNumber() {
        RunningPlatform running = RunningPlatform.get();
        running.moveClocksTo(Instant.now());
        ApiClient coordinator = running.signedIn("coordinator-ma", "ma");
        EndorsementGranted granted = Given.grantedEndorsement(MA_NUMBER).heldBy(MA_ENDORSEE)
                .named("Rehearsal Endorsee").in("IFA").grantedAt(Instant.now()).writtenTo("endorsee-ma@example.org")
                .event();
        running.bean("renewal-service", IntegrationEventPublisher.class).publish(granted,
                new GenericEventMessage<>(granted, Map.of(AuditMetadata.TENANT, "ma")));
        await("the endorsement kept").atMost(RunningPlatform.HOP)
                .until(() -> coordinator.get("/api/endorsements/" + MA_NUMBER).status() == 200);

        // Due December 31 with 30 days' grace: at 7:30 pm on January 30 in Boston it is still active, though UTC
        // is a day ahead; at noon on January 31 it has lapsed.
        Schedule schedule = running.bean("renewal-service", Schedule.class);
        running.moveClocksTo(Instant.parse("2028-01-31T00:30:00Z"));
        schedule.sweep();
        assertThat(coordinator.get("/api/endorsements/" + MA_NUMBER).at("/status")).isEqualTo("ACTIVE");
        running.moveClocksTo(Instant.parse("2028-01-31T17:00:00Z"));
        schedule.sweep();
        assertThat(coordinator.get("/api/endorsements/" + MA_NUMBER).at("/status")).isEqualTo("LAPSED");

        // The endorsee, in the browser: logs 2028's training, signs the code of ethics, asks to be reinstated.
        browser.signIn(gateway(), MA_ENDORSEE, "/endorsement.html?number=" + MA_NUMBER);
        browser.await("the endorsement", page -> page.findElement(By.id("end-body")).isDisplayed());
        assertThat(text("end-notice")).contains("Your endorsement has lapsed.");
        assertThat(driver().findElement(By.id("renewal-form")).isDisplayed()).isFalse();
        Accessibility.assertNoSeriousViolations(driver(), "a lapsed endorsement");
        driver().findElement(By.id("training-summary")).click();
        driver().findElement(By.id("training-title")).sendKeys("Infant mental health update");
        ((JavascriptExecutor) driver()).executeScript("arguments[0].value = arguments[1]",
                driver().findElement(By.id("training-attendedOn")), "2028-01-20");
        driver().findElement(By.id("training-hours")).sendKeys("15");
        driver().findElement(By.id("training-submit")).click();
        browser.await("the training logged", page -> text("activity-entries").contains("Infant mental health update"));
        driver().findElement(By.cssSelector("#ethics-form button[type=submit]")).click();
        browser.await("the code of ethics signed", page -> text("end-status").equals("You signed the code of ethics for this year."));
        driver().findElement(By.cssSelector("#reinstatement-form button[type=submit]")).click();
        browser.await("the reinstatement asked", page -> text("renewal-state")
                .equals("Reinstatement asked; the association reviews it."));
        Accessibility.assertNoSeriousViolations(driver(), "a lapsed endorsement whose reinstatement is asked");

        // 2028 also asks a membership: bought on January 31 of 2028, it runs through December 31.
        Response dues = coordinator.post("/api/payments/invoices", Map.of("personId", MA_ENDORSEE,
                        "lines", List.of(Map.of("fee", "MEMBERSHIP_DUES", "description", "Membership",
                                "amountCents", 8_000))),
                Map.of("Idempotency-Key", "rehearsal-" + UUID.randomUUID()));
        assertThat(dues.status()).as(dues.text()).isEqualTo(201);
        assertThat(coordinator.post("/api/payments/invoices/" + dues.at("/invoiceId") + "/payments",
                Map.of("amountCents", 8_000, "currency", "USD", "method", "CHECK"),
                Map.of("Idempotency-Key", "rehearsal-pay-" + UUID.randomUUID())).status()).isEqualTo(200);
        JdbcTemplate renewals = running.bean("renewal-service", JdbcTemplate.class);
        await("the membership recorded").atMost(RunningPlatform.HOP).until(() -> renewals.queryForObject(
                "SELECT count(*) FROM domain_event_entry WHERE aggregate_identifier = ? "
                        + "AND payload_type LIKE '%MembershipRecorded'", Integer.class, MA_NUMBER) == 1);

        // The coordinator, in the browser: approves the reinstatement; the same number runs through 2028.
        signOut();
        browser.signIn(gateway(), "coordinator-ma", "/renewals.html?number=" + MA_NUMBER);
        browser.await("the reinstatement to approve",
                page -> page.findElement(By.id("approve-reinstatement-form")).isDisplayed());
        Accessibility.assertNoSeriousViolations(driver(), "a reinstatement to approve");
        driver().findElement(By.cssSelector("#approve-reinstatement-form button[type=submit]")).click();
        browser.await("the reinstatement approved",
                page -> text("renewal-status").startsWith("The endorsement is reinstated"));
        Response reinstated = coordinator.get("/api/endorsements/" + MA_NUMBER);
        assertThat(reinstated.at("/status")).isEqualTo("ACTIVE");
        assertThat(reinstated.at("/validThrough")).isEqualTo("2028-12-31");
    }

    @Test
    @Order(3)
    void aRenewalDrawnForAnAuditIsApprovedOnceTheCoordinatorAcceptedItsEvidenceAfterReturningAFileAndTheRenewal()
            throws Exception {
        RunningPlatform running = RunningPlatform.get();
        running.moveClocksTo(Instant.now());
        // Washington's administrator, through the gateway: from 2027 on, every renewal is audited.
        ApiClient admin = running.signedIn("admin-wa", "wa");
        JsonNode versions = admin.get("/api/associations/wa").body().get("renewal");
        ObjectNode audited = versions.get(versions.size() - 1).deepCopy();
        audited.put("effectiveFrom", "2027-01-01").put("auditPercent", 100);
        Response added = admin.post("/api/associations/wa/policy-versions", Map.of("renewal", audited));
        assertThat(added.status()).as(added.text()).isEqualTo(201);
        TenantPolicies policies = running.bean("renewal-service", TenantPolicies.class);
        await("the policy known to renewal-service").atMost(RunningPlatform.HOP)
                .until(() -> policies.policy("wa", LocalDate.of(2027, 12, 31)).auditPercent() == 100);

        ApiClient coordinator = running.signedIn("coordinator-wa", "wa");
        EndorsementGranted granted = Given.grantedEndorsement(AUDITED_NUMBER).heldBy(ENDORSEE)
                .named("Rehearsal Endorsee").in("IFA").grantedAt(Instant.now()).writtenTo(MAIL).event();
        running.bean("renewal-service", IntegrationEventPublisher.class).publish(granted,
                new GenericEventMessage<>(granted, Map.of(AuditMetadata.TENANT, "wa")));
        await("the endorsement kept").atMost(RunningPlatform.HOP)
                .until(() -> coordinator.get("/api/endorsements/" + AUDITED_NUMBER).status() == 200);
        membershipBought(coordinator, AUDITED_NUMBER);
        running.moveClocksTo(Instant.parse("2027-10-01T19:00:00Z"));
        running.bean("renewal-service", Schedule.class).sweep();
        ApiClient endorsee = running.signedIn(ENDORSEE, "wa");
        Response training = endorsee.post("/api/endorsements/" + AUDITED_NUMBER + "/trainings",
                Map.of("title", "Reflective practice", "attendedOn", "2027-05-01", "hours", 15));
        assertThat(training.status()).as(training.text()).isEqualTo(200);

        // The endorsee, in the browser: submits, learns of the audit on the page and by mail, attaches a certificate.
        browser.signIn(gateway(), ENDORSEE, "/endorsement.html?number=" + AUDITED_NUMBER);
        browser.await("the endorsement", page -> page.findElement(By.id("end-body")).isDisplayed());
        assertThat(text("evidence-state")).isEmpty();
        driver().findElement(By.cssSelector("#renewal-form button[type=submit]")).click();
        browser.await("the audit", page -> text("evidence-state").equals("Your renewal was drawn for an audit: attach "
                + "evidence of your hours. It is approved once a coordinator accepted your evidence."));
        assertThat(text("renewal-state")).isEqualTo("Your renewal was submitted; the association reviews it.");
        MimeMessage asked = mailAbout(AUDITED_NUMBER, "please send evidence of your hours");
        assertThat(SmtpServer.plainText(asked)).contains("the hours you logged for 2027 (")
                .contains("/endorsement.html?number=" + AUDITED_NUMBER);
        attachEvidence(file("hours-2027.pdf", "Certificate of attendance, Reflective practice"), null);
        browser.await("the certificate attached", page -> text("evidence-list").contains("hours-2027.pdf, for 2027"));
        assertThat(text("evidence-list")).contains("Attached");
        Accessibility.assertNoSeriousViolations(driver(), "an endorsement whose renewal is audited");

        // Through the gateway, approval waits for the audit, and its refusal leaves nothing behind.
        JdbcTemplate renewals = running.bean("renewal-service", JdbcTemplate.class);
        int events = eventsOf(renewals, AUDITED_NUMBER);
        Response early = coordinator.post("/api/endorsements/" + AUDITED_NUMBER + "/renewal/approval", null);
        assertThat(early.status()).as(early.text()).isEqualTo(409);
        assertThat(early.at("/rule")).isEqualTo("renewal-audit-open");
        assertThat(eventsOf(renewals, AUDITED_NUMBER)).isEqualTo(events);

        // The coordinator, in the browser: finds the audit, returns the certificate and the renewal.
        signOut();
        browser.signIn(gateway(), "coordinator-wa", "/renewals.html");
        browser.await("the open audit", page -> text("audits-list").contains(AUDITED_NUMBER));
        assertThat(text("audits-list")).contains("Rehearsal Endorsee (" + AUDITED_NUMBER
                + ") 1 waiting for review, 0 returned, 0 accepted");
        driver().findElement(By.linkText("Rehearsal Endorsee (" + AUDITED_NUMBER + ")")).click();
        browser.await("the renewal", page -> page.findElement(By.id("approve-renewal-form")).isDisplayed());
        assertThat(text("audit-state")).startsWith("Drawn for the audit");
        Accessibility.assertNoSeriousViolations(driver(), "an audited renewal");
        driver().findElement(By.cssSelector("#approve-renewal-form button[type=submit]")).click();
        browser.await("approval refused", page -> !formError("approve-renewal-form").isEmpty());
        assertThat(formError("approve-renewal-form")).isEqualTo("The renewal was drawn for an audit: it is approved "
                + "once every file of its evidence is accepted (1 waiting for review, 0 returned).");
        driver().findElement(By.cssSelector("#evidence-list textarea"))
                .sendKeys("The certificate does not show the hours; attach the one that does.");
        driver().findElement(By.cssSelector("#evidence-list button[type=submit]")).click();
        browser.await("the file returned", page -> text("renewal-status")
                .equals("hours-2027.pdf is returned to the endorsee."));
        assertThat(text("evidence-list")).contains("hours-2027.pdf (2027): returned",
                "The certificate does not show the hours; attach the one that does.");
        driver().findElement(By.id("return-comments")).sendKeys("Attach the certificate with its hours, then submit.");
        driver().findElement(By.cssSelector("#return-renewal-form button[type=submit]")).click();
        browser.await("the renewal returned", page -> text("renewal-status")
                .equals("The renewal is returned to the endorsee."));
        assertThat(driver().findElement(By.id("approve-renewal-form")).isDisplayed()).isFalse();
        assertThat(SmtpServer.plainText(mailAbout(AUDITED_NUMBER, "a file of your evidence was returned")))
                .contains("hours-2027.pdf").contains("The certificate does not show the hours");
        assertThat(SmtpServer.plainText(mailAbout(AUDITED_NUMBER, "your renewal needs more work")))
                .contains("Attach the certificate with its hours, then submit.");

        // The endorsee reads both, attaches another certificate in place of the returned one, and submits again.
        signOut();
        browser.signIn(gateway(), ENDORSEE, "/endorsement.html?number=" + AUDITED_NUMBER);
        browser.await("the returned renewal", page -> page.findElement(By.id("renewal-comments")).isDisplayed());
        assertThat(text("renewal-state"))
                .isEqualTo("The association returned your renewal with comments; complete it and submit again.");
        assertThat(text("renewal-comments-text")).isEqualTo("Attach the certificate with its hours, then submit.");
        assertThat(text("evidence-list")).contains("Returned",
                "The certificate does not show the hours; attach the one that does.");
        Accessibility.assertNoSeriousViolations(driver(), "a returned renewal with returned evidence");
        attachEvidence(file("hours-2027-signed.pdf", "Certificate of attendance, Reflective practice, 15 hours"),
                "hours-2027.pdf");
        browser.await("the new certificate attached", page -> text("evidence-list").contains("hours-2027-signed.pdf"));
        assertThat(text("evidence-list")).contains("Replaced");
        driver().findElement(By.cssSelector("#renewal-form button[type=submit]")).click();
        browser.await("the renewal submitted again", page -> text("renewal-state")
                .equals("Your renewal was submitted; the association reviews it."));
        assertThat(driver().findElement(By.id("renewal-comments")).isDisplayed()).isFalse();

        // The coordinator accepts the new certificate, which closes the audit, and approves.
        signOut();
        browser.signIn(gateway(), "coordinator-wa", "/renewals.html?number=" + AUDITED_NUMBER);
        browser.await("the resubmitted renewal", page -> page.findElement(By.id("approve-renewal-form")).isDisplayed());
        driver().findElement(By.cssSelector("#evidence-list button.primary")).click();
        browser.await("the file accepted", page -> text("renewal-status")
                .equals("hours-2027-signed.pdf is accepted."));
        assertThat(text("audit-state")).isEqualTo("The audit is closed: every file was accepted.");
        assertThat(text("audits-list")).doesNotContain(AUDITED_NUMBER);
        driver().findElement(By.cssSelector("#approve-renewal-form button[type=submit]")).click();
        browser.await("the renewal approved", page -> text("renewal-status").startsWith("The renewal is approved"));
        assertThat(coordinator.get("/api/endorsements/" + AUDITED_NUMBER).at("/validThrough")).isEqualTo("2030-12-31");
        assertThat(mailAbout(AUDITED_NUMBER, "is renewed").getSubject())
                .isEqualTo("Endorsement " + AUDITED_NUMBER + " is renewed");
    }

    /** The endorsee's membership dues, invoiced and paid by check, then seen on the endorsement's progress. */
    private static void membershipBought(ApiClient coordinator, String number) {
        Response dues = coordinator.post("/api/payments/invoices", Map.of("personId", ENDORSEE,
                        "lines", List.of(Map.of("fee", "MEMBERSHIP_DUES", "description", "Membership",
                                "amountCents", 8_000))),
                Map.of("Idempotency-Key", "rehearsal-" + UUID.randomUUID()));
        assertThat(dues.status()).as(dues.text()).isEqualTo(201);
        Response paid = coordinator.post("/api/payments/invoices/" + dues.at("/invoiceId") + "/payments",
                Map.of("amountCents", 8_000, "currency", "USD", "method", "CHECK"),
                Map.of("Idempotency-Key", "rehearsal-pay-" + UUID.randomUUID()));
        assertThat(paid.status()).as(paid.text()).isEqualTo(200);
        await("the membership recorded").atMost(RunningPlatform.HOP).until(() -> coordinator
                .get("/api/endorsements/" + number + "/progress").text().contains("member from"));
    }

    /** On the endorsement page: a file for 2027, in place of a returned one when {@code replacing} names it. */
    private static void attachEvidence(Path file, String replacing) {
        driver().findElement(By.id("evidence-file")).sendKeys(file.toString());
        new Select(driver().findElement(By.id("evidence-year"))).selectByValue("2027");
        if (replacing != null) {
            new Select(driver().findElement(By.id("evidence-replaces"))).selectByVisibleText(replacing);
        }
        driver().findElement(By.cssSelector("#evidence-form button[type=submit]")).click();
    }

    /** The one mail the endorsee received about the endorsement whose subject says {@code words}. */
    private static MimeMessage mailAbout(String number, String words) {
        List<MimeMessage> found = new ArrayList<>();
        await("the mail that says " + words).atMost(RunningPlatform.HOP).until(() -> {
            found.clear();
            for (MimeMessage mail : RealInfrastructure.smtp().receivedFor(MAIL)) {
                if (mail.getSubject().contains(number) && mail.getSubject().contains(words)) {
                    found.add(mail);
                }
            }
            return !found.isEmpty();
        });
        assertThat(found).as("mails about " + words).hasSize(1);
        return found.get(0);
    }

    private static int eventsOf(JdbcTemplate store, String number) {
        return store.queryForObject("SELECT count(*) FROM domain_event_entry WHERE aggregate_identifier = ?",
                Integer.class, number);
    }

    /** A small PDF, named as the endorsee would have it on their computer. */
    private static Path file(String name, String text) {
        try {
            Path directory = Files.createTempDirectory("iecmh-evidence-");
            directory.toFile().deleteOnExit();
            Path file = Files.writeString(directory.resolve(name), "%PDF-1.7\n% " + text + "\n%%EOF\n");
            file.toFile().deleteOnExit();
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String formError(String form) {
        return driver().findElement(By.cssSelector("#" + form + " .form-error")).getText();
    }

    private static void signOut() {
        driver().get(gateway() + "/verify.html");
        driver().manage().deleteAllCookies(); // the provider's session too: cookies are per host, not per port
        ((JavascriptExecutor) driver()).executeScript("sessionStorage.clear()");
    }

    private static String text(String id) {
        return driver().findElement(By.id(id)).getText();
    }

    private static String gateway() {
        return RunningPlatform.get().gatewayUrl();
    }

    private static WebDriver driver() {
        return browser.driver();
    }
}
