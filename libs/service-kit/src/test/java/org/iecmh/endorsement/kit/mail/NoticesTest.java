package org.iecmh.endorsement.kit.mail;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.mail.internet.MimeMessage;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.messaging.annotation.MessageIdentifier;
import org.iecmh.endorsement.contracts.MailPreferencesChanged;
import org.iecmh.endorsement.contracts.NoticeKind;
import org.iecmh.endorsement.contracts.Topics;
import org.iecmh.endorsement.contracts.association.Association;
import org.iecmh.endorsement.contracts.association.AssociationSeed;
import org.iecmh.endorsement.kit.audit.AuditMetadata;
import org.iecmh.endorsement.kit.messaging.Inbox;
import org.iecmh.endorsement.kit.sample.SampleApplication;
import org.iecmh.endorsement.kit.sample.SampleSubmission;
import org.iecmh.endorsement.testkit.KafkaTopics;
import org.iecmh.endorsement.testkit.PublishedAssociations;
import org.iecmh.endorsement.testkit.RealInfrastructure;
import org.iecmh.endorsement.testkit.SmtpServer;
import org.iecmh.endorsement.testkit.WithRealInfrastructure;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A notice as its association and its reader want it, through the real broker and a real SMTP server: not at all when
 * the association switched it off, to the address and in the language the person chose once.
 */
@SpringBootTest(classes = SampleApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"iecmh.mail.deliver-every=PT0.1S", "iecmh.mail.from=kit@example.org",
                "iecmh.mail.link-base=https://gateway.example",
                "axon.eventhandling.processors.sample-notices.mode=subscribing"})
@WithRealInfrastructure
@Import(NoticesTest.Mailing.class)
class NoticesTest {

    private static final Duration WAIT = Duration.ofSeconds(30);

    @TestConfiguration
    static class Mailing {
        @Bean
        StepMail stepMail(Notices notices) {
            return new StepMail(notices);
        }
    }

    /**
     * A step's two notices, as a service sends them: the welcome and then the receipt, to the address the step
     * gives, for the person who took it.
     */
    @ProcessingGroup("sample-notices")
    static class StepMail {
        private final Notices notices;

        StepMail(Notices notices) {
            this.notices = notices;
        }

        @EventHandler
        void on(SampleSubmission.Submitted event, @MessageIdentifier String eventId) {
            for (NoticeKind kind : List.of(NoticeKind.APPLICATION_STARTED, NoticeKind.APPLICATION_SUBMITTED)) {
                notices.send(Notice.of(kind, event.tenantId(), eventId, event.personId() + "@work.example.org")
                        .to(event.personId(), null)
                        .with("name", event.name())
                        .leadingTo("/portal.html"));
            }
        }
    }

    @DynamicPropertySource
    static void smtp(DynamicPropertyRegistry registry) {
        registry.add("spring.mail.host", () -> RealInfrastructure.smtp().host());
        registry.add("spring.mail.port", () -> RealInfrastructure.smtp().port());
    }

    @Autowired
    CommandGateway commands;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    Environment environment;
    @Autowired
    Inbox inbox;
    @Value("${iecmh.kafka.prefix}")
    String kafkaPrefix;
    @Autowired
    @Qualifier("defaultAxonObjectMapper")
    ObjectMapper json;

    final SmtpServer smtp = RealInfrastructure.smtp();
    private final Association ma = AssociationSeed.load().get(0);

    @Test
    void aNoticeTheAssociationSwitchedOffIsNotSentAndTheOthersAre() {
        String code = association(List.of("application-started"));
        String person = "quiet-" + UUID.randomUUID().toString().substring(0, 8);

        submit(code, person, "Quinn");

        await().atMost(WAIT).until(() -> smtp.receivedFor(person + "@work.example.org").size() == 1);
        assertThat(SmtpServer.subject(smtp.receivedFor(person + "@work.example.org").get(0)))
                .isEqualTo("Received, Quinn");
        // Both notices are written in the step's one transaction: the one switched off was never recorded.
        assertThat(jdbc.queryForList("SELECT kind FROM mail_outbox WHERE person = ?", String.class, person))
                .containsExactly("application-submitted");
    }

    @Test
    void aPersonsChosenAddressAndLanguageTakeTheirNextMailWhateverTheStepGives() throws Exception {
        String code = association(List.of());
        String person = "chooser-" + UUID.randomUUID().toString().substring(0, 8);
        String work = person + "@work.example.org";
        String personal = person + "@home.example.org";

        submit(code, person, "Zoë");
        await().atMost(WAIT).until(() -> smtp.receivedFor(work).size() == 2);
        assertThat(smtp.receivedFor(work)).extracting(SmtpServer::subject).containsExactly("Welcome, Zoë",
                "Received, Zoë");

        PublishedAssociations.publishMailPreferences(environment, code, person, personal, "es");
        submit(code, person, "Zoë");

        await().atMost(WAIT).until(() -> smtp.receivedFor(personal).size() == 2);
        List<MimeMessage> chosen = smtp.receivedFor(personal);
        assertThat(chosen).extracting(SmtpServer::subject).containsExactly("Bienvenida, Zoë", "Recibida, Zoë");
        assertThat(SmtpServer.html(chosen.get(0))).contains("<html lang=\"es\">")
                .contains("https://gateway.example/portal.html");
        assertThat(smtp.receivedFor(work)).hasSize(2);
        // The outbox keeps the key the step gave, and the address the mail went to.
        assertThat(jdbc.queryForList("SELECT recipient FROM mail_outbox WHERE person = ? ORDER BY seq", String.class,
                person)).containsExactly(work, work, personal, personal);
        assertThat(jdbc.queryForList("SELECT mail_key FROM mail_outbox WHERE person = ? ORDER BY seq", String.class,
                person)).allSatisfy(key -> assertThat(key).endsWith(":" + work));

        // An older choice arriving late changes nothing; leaving the choice to each step brings the step's address
        // back.
        String stale = sendPreferences(new MailPreferencesChanged(code, person, "old@example.org", "en", 1,
                Instant.parse("2026-01-01T00:00:00Z")));
        await().atMost(WAIT).until(() -> inbox.hasHandled("kit-test", stale));
        assertThat(jdbc.queryForObject("SELECT email_address FROM mail_preference WHERE tenant_id = ? AND person = ?",
                String.class, code, person)).isEqualTo(personal);
        PublishedAssociations.publishMailPreferences(environment, code, person, null, null);
        submit(code, person, "Zoë");
        await().atMost(WAIT).until(() -> smtp.receivedFor(work).size() == 4);
        assertThat(SmtpServer.subject(smtp.receivedFor(work).get(2))).isEqualTo("Welcome, Zoë");
        assertThat(smtp.receivedFor("old@example.org")).isEmpty();
    }

    @Test
    void aPersonsChoiceInOneAssociationFollowsThemToAnotherWhereTheyChoseNothing() {
        String first = association(List.of());
        String second = association(List.of());
        String person = "mover-" + UUID.randomUUID().toString().substring(0, 8);
        String personal = person + "@home.example.org";
        PublishedAssociations.publishMailPreferences(environment, first, person, personal, "es");

        submit(second, person, "Iñaki");

        await().atMost(WAIT).until(() -> smtp.receivedFor(personal).size() == 2);
        assertThat(smtp.receivedFor(personal)).extracting(SmtpServer::subject).containsExactly("Bienvenida, Iñaki",
                "Recibida, Iñaki");
        assertThat(smtp.receivedFor(person + "@work.example.org")).isEmpty();
    }

    /** An association of its own for the story, with the notices it switched off. */
    private String association(List<String> noticesOff) {
        String code = "n" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
        PublishedAssociations.publish(environment, new Association(code, ma.name(), ma.state(), ma.timeZone(),
                ma.languages(), ma.contact(), ma.coordinator(), ma.mailFrom(), noticesOff, ma.categories(),
                ma.badgeIssuer(), ma.exam(), ma.references(), ma.membership(), ma.requirements(), ma.fees(),
                ma.renewal()));
        return code;
    }

    private void submit(String tenant, String person, String name) {
        commands.sendAndWait(GenericCommandMessage.asCommandMessage(new SampleSubmission.Submit(
                        "notice-" + UUID.randomUUID(), tenant, person, name, "IFA"))
                .withMetaData(AuditMetadata.of(tenant, person, "APPLICANT")));
    }

    private String sendPreferences(MailPreferencesChanged changed) throws Exception {
        String eventId = UUID.randomUUID().toString();
        KafkaTopics.send(new ProducerRecord<>(kafkaPrefix + Topics.ASSOCIATIONS, null,
                changed.partitionKey().getBytes(StandardCharsets.UTF_8), json.writeValueAsBytes(changed),
                List.of(header("ce_id", eventId), header("ce_type", MailPreferencesChanged.TYPE),
                        header("ce_source", "/association-service"), header("ce_specversion", "1.0"),
                        header("ce_tenantid", changed.tenantId()))));
        return eventId;
    }

    private static RecordHeader header(String name, String value) {
        return new RecordHeader(name, value.getBytes(StandardCharsets.UTF_8));
    }
}
