package org.iecmh.endorsement.renewal.reminders;

import jakarta.mail.internet.MimeMessage;
import org.axonframework.eventhandling.TrackingEventProcessor;
import org.iecmh.endorsement.renewal.RenewalServiceTestBase;
import org.iecmh.endorsement.renewal.endorsement.Endorsement;
import org.iecmh.endorsement.testkit.ApiClient;
import org.iecmh.endorsement.testkit.RealInfrastructure;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Renewal reminders: where they go, and each sent once. */
class ReminderServiceTest extends RenewalServiceTestBase {

    @Test
    void aReminderWhoseSendingWasNotMarkedGoesAgainWithTheSameMessageIdAndAMarkedOneNeverAgain() throws Exception {
        grant("ma", "MA-000095", "person-95", "IFA", LocalDate.of(2027, 12, 31));
        CLOCK.set(Instant.parse("2027-06-01T12:00:00Z"));
        ApiClient.onPort(port).as("ma", "person-95", "APPLICANT").put("/api/endorsements/MA-000095/email-address",
                Map.of("emailAddress", "person-95@example.org"));
        // The window opens (and says so in a mail) before the database begins to fail.
        sweepOn(LocalDate.of(2027, 10, 1));
        await().atMost(Duration.ofSeconds(30)).until(() -> jdbc.queryForObject("SELECT count(*) FROM mail_outbox "
                + "WHERE recipient = 'person-95@example.org' AND kind = 'renewal-window-opened' AND status = 'SENT'",
                Integer.class) == 1);
        assertThat(RealInfrastructure.smtp().receivedFor("person-95@example.org")).hasSize(1);
        // The database fails the first time this endorsee's mail is marked sent: after the SMTP server took it.
        jdbc.execute("CREATE SEQUENCE marks_of_ma_000095");
        jdbc.execute("""
                CREATE FUNCTION fail_first_mark_of_ma_000095() RETURNS trigger AS $$
                BEGIN
                    IF NEW.recipient = 'person-95@example.org' AND NEW.status = 'SENT'
                            AND nextval('marks_of_ma_000095') = 1 THEN
                        RAISE EXCEPTION 'the database went away before the reminder was marked sent';
                    END IF;
                    RETURN NEW;
                END $$ LANGUAGE plpgsql""");
        jdbc.execute("CREATE TRIGGER fail_first_mark_of_ma_000095 BEFORE UPDATE ON mail_outbox "
                + "FOR EACH ROW EXECUTE FUNCTION fail_first_mark_of_ma_000095()");
        String messageId = "<renewal-reminder.MA-000095.2027-12-31.30@localhost>";

        sweepOn(LocalDate.of(2027, 12, 1));
        await().atMost(Duration.ofSeconds(60))
                .until(() -> RealInfrastructure.smtp().receivedFor("person-95@example.org").size() == 2);
        // Claimed for a while when it was handed to the relay: once the claim runs out, it goes again.
        CLOCK.advance(Duration.ofMinutes(5).plusSeconds(1));

        await().atMost(Duration.ofSeconds(60))
                .until(() -> RealInfrastructure.smtp().receivedFor("person-95@example.org").size() == 3);
        List<MimeMessage> received = RealInfrastructure.smtp().receivedFor("person-95@example.org");
        assertThat(received.get(0).getMessageID()).isEqualTo("<renewal-reminder.MA-000095.2027-12-31.window-opened.0@localhost>");
        assertThat(received.get(1).getMessageID()).isEqualTo(messageId);
        assertThat(received.get(2).getMessageID()).isEqualTo(messageId);
        await().atMost(Duration.ofSeconds(30)).until(() -> "SENT".equals(jdbc.queryForObject(
                "SELECT status FROM mail_outbox WHERE message_id = ?", String.class, messageId)));
        assertThat(jdbc.queryForObject("SELECT attempts FROM mail_outbox WHERE message_id = ?", Integer.class,
                messageId)).isEqualTo(2);

        // Every reminder handled again from the start of the stream: the ones recorded stay as they are. The next
        // reminder is handled after all of them, so once it arrives they have been passed over.
        TrackingEventProcessor reminders = processing.eventProcessor("renewal-reminders", TrackingEventProcessor.class)
                .orElseThrow();
        reminders.shutDown();
        reminders.resetTokens();
        reminders.start();
        sweepOn(LocalDate.of(2027, 12, 24));
        await().atMost(Duration.ofSeconds(60))
                .until(() -> RealInfrastructure.smtp().receivedFor("person-95@example.org").size() >= 4);
        List<MimeMessage> afterReplay = RealInfrastructure.smtp().receivedFor("person-95@example.org");
        assertThat(afterReplay).hasSize(4);
        assertThat(afterReplay.get(3).getMessageID()).isEqualTo("<renewal-reminder.MA-000095.2027-12-31.7@localhost>");
        assertThat(afterReplay.get(3).getSubject()).isEqualTo("Endorsement MA-000095: renew by December 31, 2027");
        assertThat(jdbc.queryForObject("SELECT attempts FROM mail_outbox WHERE message_id = ?", Integer.class,
                messageId)).isEqualTo(2);
    }

    @Test
    void theContactEmailOfTheGrantIsWhereRemindersGoUntilTheEndorseeNamesAnother() {
        grant("ma", "MA-000097", "person-97", "IFA", LocalDate.of(2027, 12, 31), "person-97@example.org");
        ApiClient endorsee = ApiClient.onPort(port).as("ma", "person-97", "APPLICANT");
        assertThat(endorsee.get("/api/endorsements/MA-000097").at("/emailAddress")).isEqualTo("person-97@example.org");
        assertThat(endorsee.put("/api/endorsements/MA-000097/email-address", Map.of("emailAddress",
                "zoe.home@example.org")).at("/emailAddress")).isEqualTo("zoe.home@example.org");
        assertThat(countEvents("MA-000097", "EmailAddressRecorded")).isEqualTo(2);
    }
}
