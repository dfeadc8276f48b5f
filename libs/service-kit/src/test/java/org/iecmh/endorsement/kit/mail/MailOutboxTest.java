package org.iecmh.endorsement.kit.mail;

import jakarta.mail.internet.MimeMessage;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.TrackingEventProcessor;
import org.axonframework.messaging.annotation.MessageIdentifier;
import org.iecmh.endorsement.kit.audit.AuditMetadata;
import org.iecmh.endorsement.kit.sample.SampleApplication;
import org.iecmh.endorsement.kit.sample.SampleSubmission;
import org.iecmh.endorsement.testkit.ApiClient;
import org.iecmh.endorsement.testkit.ApiClient.Response;
import org.iecmh.endorsement.testkit.MutableClock;
import org.iecmh.endorsement.testkit.RealInfrastructure;
import org.iecmh.endorsement.testkit.SmtpServer;
import org.iecmh.endorsement.testkit.WithRealInfrastructure;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.web.util.HtmlUtils;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The outbox through a real SMTP server: a mail is recorded with the step that causes it and sent once, whether the
 * relay is down, refuses, or the step is handled again.
 */
@SpringBootTest(classes = SampleApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"iecmh.mail.deliver-every=PT0.1S", "iecmh.mail.first-retry-after=PT1M",
                "iecmh.mail.longest-retry-after=PT3M", "iecmh.mail.attempts=3", "iecmh.mail.path=/samples/mail",
                "iecmh.mail.from=kit@example.org", "axon.eventhandling.processors.sample-mail.mode=tracking"})
@WithRealInfrastructure
@Import(MailOutboxTest.Mailing.class)
class MailOutboxTest {

    static final MutableClock CLOCK = new MutableClock(Instant.parse("2026-11-22T09:30:00Z"));

    @TestConfiguration
    static class Mailing {
        @Bean
        Clock clock() {
            return CLOCK;
        }

        @Bean
        WelcomeMail welcomeMail(MailOutbox outbox) {
            return new WelcomeMail(outbox);
        }
    }

    /** A step's mail, recorded by a tracking handler as a service's are: keyed by the event and its recipient. */
    @ProcessingGroup("sample-mail")
    static class WelcomeMail {
        private final MailOutbox outbox;

        WelcomeMail(MailOutbox outbox) {
            this.outbox = outbox;
        }

        @EventHandler
        void on(SampleSubmission.Submitted event, @MessageIdentifier String eventId) {
            String to = event.personId() + "@example.org";
            outbox.record(new OutgoingMail("sample-welcome:" + eventId + ":" + to, event.tenantId(), "sample-welcome",
                    to, event.personId(), "es", outbox.defaultSender(), "Asociación de Washington",
                    new MailContent("Bienvenida, " + event.name(), "Hola " + event.name(),
                            "<p>Hola " + HtmlUtils.htmlEscape(event.name(), "UTF-8") + "</p>"),
                    "http://gateway.example/portal.html", null));
        }
    }

    @DynamicPropertySource
    static void smtp(DynamicPropertyRegistry registry) {
        registry.add("spring.mail.host", () -> RealInfrastructure.smtp().host());
        registry.add("spring.mail.port", () -> RealInfrastructure.smtp().port());
    }

    @LocalServerPort
    int port;
    @Autowired
    CommandGateway commands;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    EventProcessingConfiguration processing;

    final SmtpServer smtp = RealInfrastructure.smtp();

    @AfterEach
    void relayBack() {
        smtp.start();
    }

    @Test
    void mailsOfStepsTakenWhileTheRelayIsDownAreEachSentOnceWhenItIsBack() throws Exception {
        String run = UUID.randomUUID().toString().substring(0, 8);
        List<String> people = List.of("down-1-" + run, "down-2-" + run, "down-3-" + run);
        smtp.stop();

        submit(people.get(0), "Zoë Ñúñez <b>");
        submit(people.get(1), "李小龍");
        submit(people.get(2), "Ana");
        await().atMost(Duration.ofSeconds(30)).until(() -> triedAndWaiting(people) == 3);
        assertThat(jdbc.queryForObject("SELECT min(last_error) FROM mail_outbox WHERE person = ?", String.class,
                people.get(0))).isNotBlank();

        smtp.start();
        CLOCK.advance(Duration.ofMinutes(1));
        await().atMost(Duration.ofSeconds(30)).until(() -> people.stream()
                .allMatch(person -> smtp.receivedFor(person + "@example.org").size() == 1));

        MimeMessage zoe = smtp.receivedFor(people.get(0) + "@example.org").get(0);
        assertThat(zoe.getSubject()).isEqualTo("Bienvenida, Zoë Ñúñez <b>");
        assertThat(zoe.getFrom()[0].toString()).contains("kit@example.org");
        assertThat(((jakarta.mail.internet.InternetAddress) zoe.getFrom()[0]).getPersonal())
                .isEqualTo("Asociación de Washington");
        assertThat(SmtpServer.plainText(zoe)).isEqualTo("Hola Zoë Ñúñez <b>");
        assertThat(SmtpServer.html(zoe)).isEqualTo("<p>Hola Zoë Ñúñez &lt;b&gt;</p>");
        assertThat(smtp.receivedFor(people.get(1) + "@example.org").get(0).getSubject()).isEqualTo("Bienvenida, 李小龍");
        assertThat(zoe.getMessageID()).isEqualTo(jdbc.queryForObject(
                "SELECT message_id FROM mail_outbox WHERE person = ?", String.class, people.get(0)));
        await().atMost(Duration.ofSeconds(30)).until(() -> jdbc.queryForObject(
                "SELECT count(*) FROM mail_outbox WHERE person = ANY(?) AND status = 'SENT' AND text_body IS NULL",
                Integer.class, (Object) people.toArray(String[]::new)) == 3);

        // The handler takes every step again from the start: the outbox already holds their mails, none goes twice.
        TrackingEventProcessor mail = processing.eventProcessor("sample-mail", TrackingEventProcessor.class)
                .orElseThrow();
        mail.shutDown();
        mail.resetTokens();
        mail.start();
        String after = "after-replay-" + run;
        submit(after, "Después");
        await().atMost(Duration.ofSeconds(30)).until(() -> smtp.receivedFor(after + "@example.org").size() == 1);
        for (String person : people) {
            assertThat(smtp.receivedFor(person + "@example.org")).as(person).hasSize(1);
        }

        Response mine = ApiClient.onPort(port).as("ma", people.get(0), "APPLICANT").get("/samples/mail/mine");
        assertThat(mine.status()).isEqualTo(200);
        assertThat(mine.body()).hasSize(1);
        assertThat(mine.at("/0/subject")).isEqualTo("Bienvenida, Zoë Ñúñez <b>");
        assertThat(mine.at("/0/link")).isEqualTo("http://gateway.example/portal.html");
        assertThat(mine.at("/0/status")).isEqualTo("SENT");
        assertThat(mine.at("/0/language")).isEqualTo("es");
        assertThat(ApiClient.onPort(port).as("wa", people.get(0), "APPLICANT").get("/samples/mail/mine").body())
                .isEmpty();
    }

    @Test
    void jakartaMailIsToldItsStreamProviderRatherThanSearchingTheClassPathForEachPart() {
        assertThat(System.getProperty(MailAutoConfiguration.STREAM_PROVIDER))
                .isEqualTo(MailAutoConfiguration.ANGUS_STREAM_PROVIDER);
        assertThat(jakarta.mail.util.StreamProvider.provider().getClass().getName())
                .isEqualTo(MailAutoConfiguration.ANGUS_STREAM_PROVIDER);
    }

    @Test
    void aMailTheRelayRefusesIsTriedAgainLaterAndLaterAndShownToStaffAsFailedAfterItsLastTry() {
        String person = "refused-" + UUID.randomUUID().toString().substring(0, 8);
        smtp.refuse();

        submit(person, "Rita");
        Instant firstTry = CLOCK.instant();
        await().atMost(Duration.ofSeconds(30)).until(() -> firstTry.plus(Duration.ofMinutes(1)).equals(nextAttempt(person)));
        assertThat(attempts(person)).isEqualTo(1);
        assertThat(jdbc.queryForObject("SELECT last_error FROM mail_outbox WHERE person = ?", String.class, person))
                .contains("554");

        CLOCK.advance(Duration.ofMinutes(1));
        Instant secondTry = CLOCK.instant();
        await().atMost(Duration.ofSeconds(30)).until(() -> secondTry.plus(Duration.ofMinutes(2)).equals(nextAttempt(person)));
        assertThat(attempts(person)).isEqualTo(2);
        CLOCK.advance(Duration.ofMinutes(2));
        await().atMost(Duration.ofSeconds(30)).until(() -> "FAILED".equals(status(person)));
        assertThat(attempts(person)).isEqualTo(3);

        Response failed = ApiClient.onPort(port).as("ma", "coordinator-1", "COORDINATOR").get("/samples/mail/failed");
        assertThat(failed.status()).isEqualTo(200);
        assertThat(failed.text()).contains(person + "@example.org").contains("Bienvenida, Rita").contains("554");
        assertThat(ApiClient.onPort(port).as("wa", "coordinator-2", "COORDINATOR").get("/samples/mail/failed").text())
                .doesNotContain(person);
        assertThat(ApiClient.onPort(port).as("ma", person, "APPLICANT").get("/samples/mail/failed").status())
                .isEqualTo(403);

        // Given up on: the relay back and hours later, it is not sent.
        smtp.start();
        CLOCK.advance(Duration.ofHours(3));
        String later = "later-" + person;
        submit(later, "Luego");
        await().atMost(Duration.ofSeconds(30)).until(() -> smtp.receivedFor(later + "@example.org").size() == 1);
        assertThat(smtp.receivedFor(person + "@example.org")).isEmpty();
        assertThat(status(person)).isEqualTo("FAILED");
    }

    private void submit(String person, String name) {
        commands.sendAndWait(GenericCommandMessage.asCommandMessage(new SampleSubmission.Submit(
                        "mail-" + UUID.randomUUID(), "ma", person, name, "IMHS"))
                .withMetaData(AuditMetadata.of("ma", person, "APPLICANT")));
    }

    private int triedAndWaiting(List<String> people) {
        return jdbc.queryForObject("SELECT count(*) FROM mail_outbox WHERE person = ANY(?) AND status = 'PENDING' "
                + "AND attempts >= 1 AND last_error IS NOT NULL", Integer.class, (Object) people.toArray(String[]::new));
    }

    private int attempts(String person) {
        return jdbc.queryForObject("SELECT coalesce(max(attempts), 0) FROM mail_outbox WHERE person = ?",
                Integer.class, person);
    }

    private String status(String person) {
        return jdbc.queryForObject("SELECT max(status) FROM mail_outbox WHERE person = ?", String.class, person);
    }

    private Instant nextAttempt(String person) {
        java.sql.Timestamp next = jdbc.queryForObject("SELECT max(next_attempt_at) FROM mail_outbox WHERE person = ?",
                java.sql.Timestamp.class, person);
        return next == null ? null : next.toInstant();
    }
}
