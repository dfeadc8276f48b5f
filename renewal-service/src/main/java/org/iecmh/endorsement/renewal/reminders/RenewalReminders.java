package org.iecmh.endorsement.renewal.reminders;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.iecmh.endorsement.renewal.schedule.RenewalReminderDue;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.mail.MailPreparationException;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.MimeMessageHelper;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

import java.sql.Date;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.List;

/**
 * Emails each reminder that falls due, as close to once as SMTP allows. A tracking processor: its token is claimed by
 * one instance at a time, so one instance sends, and a failure is retried, never skipped. Before a reminder is handed
 * to the SMTP relay it is recorded with a Message-ID made from the reminder itself, and it is marked sent right after
 * (each in its own transaction, so neither waits for the processor's); a reminder marked sent is never sent again.
 * Nothing can make the relay's acceptance and the mark one step: after a crash between the two the reminder is sent
 * again, with the same Message-ID and to the same recipient, which mail clients show as one message.
 */
@Component
@ProcessingGroup("renewal-reminders")
class RenewalReminders {

    private static final Logger log = LoggerFactory.getLogger(RenewalReminders.class);

    /** A reminder email as recorded before it is sent. */
    private record Recorded(String messageId, String recipient, int attempts, boolean sent) {
    }

    private final JavaMailSender mail;
    private final JdbcTemplate jdbc;
    private final TransactionTemplate ownTransaction;
    private final Clock clock;
    private final String from;

    RenewalReminders(JavaMailSender mail, JdbcTemplate jdbc, PlatformTransactionManager transactions, Clock clock,
                     @Value("${iecmh.reminders.from}") String from) {
        this.mail = mail;
        this.jdbc = jdbc;
        this.ownTransaction = new TransactionTemplate(transactions);
        this.ownTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        this.clock = clock;
        this.from = from;
    }

    @EventHandler
    void on(RenewalReminderDue event) {
        List<String> addresses = jdbc.queryForList(
                "SELECT email_address FROM endorsement_view WHERE endorsement_number = ? AND email_address IS NOT NULL",
                String.class, event.endorsementNumber());
        if (addresses.isEmpty()) {
            log.info("No email address for {}; its {}-day reminder stays in its history only",
                    event.endorsementNumber(), event.daysBefore());
            return;
        }
        Recorded reminder = ownTransaction.execute(status -> record(event, addresses.get(0)));
        if (reminder.sent()) {
            log.info("The {}-day reminder of {} was sent before ({}); not again", event.daysBefore(),
                    event.endorsementNumber(), reminder.messageId());
            return;
        }
        if (reminder.attempts() > 1) {
            log.warn("The {}-day reminder of {} may have gone out before it could be marked sent; sending it again as "
                    + "{}", event.daysBefore(), event.endorsementNumber(), reminder.messageId());
        }
        mail.send(message(event, reminder));
        ownTransaction.executeWithoutResult(status -> jdbc.update("""
                UPDATE reminder_email SET sent_at = ?
                WHERE endorsement_number = ? AND closes_on = ? AND days_before = ?""",
                Timestamp.from(clock.instant()), event.endorsementNumber(), Date.valueOf(event.closesOn()),
                event.daysBefore()));
    }

    /** Records the reminder (once) and counts this attempt to send it; answers how it stands. */
    private Recorded record(RenewalReminderDue event, String recipient) {
        jdbc.update("""
                INSERT INTO reminder_email (endorsement_number, closes_on, days_before, message_id, recipient, recorded_at)
                VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING""", event.endorsementNumber(),
                Date.valueOf(event.closesOn()), event.daysBefore(), messageId(event), recipient,
                Timestamp.from(clock.instant()));
        return jdbc.queryForObject("""
                UPDATE reminder_email SET attempts = attempts + CASE WHEN sent_at IS NULL THEN 1 ELSE 0 END
                WHERE endorsement_number = ? AND closes_on = ? AND days_before = ?
                RETURNING message_id, recipient, attempts, sent_at IS NOT NULL""",
                (rs, n) -> new Recorded(rs.getString(1), rs.getString(2), rs.getInt(3), rs.getBoolean(4)),
                event.endorsementNumber(), Date.valueOf(event.closesOn()), event.daysBefore());
    }

    /** The same reminder always has the same Message-ID, so that a second copy is recognised as the first. */
    private String messageId(RenewalReminderDue event) {
        String domain = from.contains("@") ? from.substring(from.lastIndexOf('@') + 1) : "localhost";
        return "<renewal-reminder." + event.endorsementNumber() + "." + event.closesOn() + "." + event.daysBefore()
                + "@" + domain + ">";
    }

    private MimeMessage message(RenewalReminderDue event, Recorded reminder) {
        MimeMessage message = mail.createMimeMessage();
        try {
            MimeMessageHelper helper = new MimeMessageHelper(message, "UTF-8");
            helper.setFrom(from);
            helper.setTo(reminder.recipient());
            helper.setSubject("Endorsement " + event.endorsementNumber() + ": renew by " + event.closesOn());
            helper.setText("Your endorsement " + event.endorsementNumber() + " is valid through " + event.closesOn()
                    + ", " + event.daysBefore() + " days from now. Its renewal window is open: log this cycle's"
                    + " trainings, reflective supervision and code of ethics, then submit your renewal before it"
                    + " closes. An endorsement not renewed in time is removed from the public registry.");
            // JavaMailSender keeps a Message-ID set here instead of making a new one.
            message.setHeader("Message-ID", reminder.messageId());
        } catch (MessagingException e) {
            throw new MailPreparationException(e);
        }
        return message;
    }
}
