package org.iecmh.endorsement.renewal.reminders;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.iecmh.endorsement.renewal.schedule.ReminderAnchor;
import org.iecmh.endorsement.renewal.schedule.RenewalReminderDue;
import org.iecmh.endorsement.renewal.schedule.RenewalWindowOpened;
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
import java.time.LocalDate;
import java.util.List;

/**
 * Emails each reminder that falls due (before the renewal window opens, before it closes) and the news that the window
 * opened, in English and Spanish, as close to once as SMTP allows. A tracking processor: its token is claimed by
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

    /** A reminder before the window opens or closes. */
    @EventHandler
    void on(RenewalReminderDue event) {
        Mail mail = event.anchor() == ReminderAnchor.OPENING
                ? new Mail(event.endorsementNumber(), event.closesOn(), "OPENING", event.daysBefore(),
                        beforeOpening(event))
                : new Mail(event.endorsementNumber(), event.closesOn(), "CLOSING", event.daysBefore(),
                        beforeClosing(event));
        send(mail);
    }

    /** The window is open: the endorsee may renew from today. */
    @EventHandler
    void on(RenewalWindowOpened event) {
        send(new Mail(event.endorsementNumber(), event.closesOn(), "OPENED", 0, windowOpened(event)));
    }

    /** One mail: what identifies it (endorsement, the close of its window, its kind and days) and its text. */
    private record Mail(String endorsementNumber, LocalDate closesOn, String kind, int daysBefore, Text text) {
    }

    /** Subject and body, each in English then Spanish. */
    private record Text(String subject, String body) {
    }

    private void send(Mail mail) {
        List<String> addresses = jdbc.queryForList(
                "SELECT email_address FROM endorsement_view WHERE endorsement_number = ? AND email_address IS NOT NULL",
                String.class, mail.endorsementNumber());
        if (addresses.isEmpty()) {
            log.info("No email address for {}; its {} {} mail stays in its history only", mail.endorsementNumber(),
                    mail.kind(), mail.daysBefore());
            return;
        }
        Recorded reminder = ownTransaction.execute(status -> record(mail, addresses.get(0)));
        if (reminder.sent()) {
            log.info("The {} {} mail of {} was sent before ({}); not again", mail.kind(), mail.daysBefore(),
                    mail.endorsementNumber(), reminder.messageId());
            return;
        }
        if (reminder.attempts() > 1) {
            log.warn("The {} {} mail of {} may have gone out before it could be marked sent; sending it again as {}",
                    mail.kind(), mail.daysBefore(), mail.endorsementNumber(), reminder.messageId());
        }
        this.mail.send(message(mail, reminder));
        ownTransaction.executeWithoutResult(status -> jdbc.update("""
                UPDATE reminder_email SET sent_at = ?
                WHERE endorsement_number = ? AND closes_on = ? AND kind = ? AND days_before = ?""",
                Timestamp.from(clock.instant()), mail.endorsementNumber(), Date.valueOf(mail.closesOn()), mail.kind(),
                mail.daysBefore()));
    }

    /** Records the mail (once) and counts this attempt to send it; answers how it stands. */
    private Recorded record(Mail mail, String recipient) {
        jdbc.update("""
                INSERT INTO reminder_email (endorsement_number, closes_on, kind, days_before, message_id, recipient,
                                            recorded_at)
                VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING""", mail.endorsementNumber(),
                Date.valueOf(mail.closesOn()), mail.kind(), mail.daysBefore(), messageId(mail), recipient,
                Timestamp.from(clock.instant()));
        return jdbc.queryForObject("""
                UPDATE reminder_email SET attempts = attempts + CASE WHEN sent_at IS NULL THEN 1 ELSE 0 END
                WHERE endorsement_number = ? AND closes_on = ? AND kind = ? AND days_before = ?
                RETURNING message_id, recipient, attempts, sent_at IS NOT NULL""",
                (rs, n) -> new Recorded(rs.getString(1), rs.getString(2), rs.getInt(3), rs.getBoolean(4)),
                mail.endorsementNumber(), Date.valueOf(mail.closesOn()), mail.kind(), mail.daysBefore());
    }

    /**
     * The same mail always has the same Message-ID, so that a second copy is recognised as the first. Reminders
     * before the close keep the form they always had.
     */
    private String messageId(Mail mail) {
        String domain = from.contains("@") ? from.substring(from.lastIndexOf('@') + 1) : "localhost";
        String kind = switch (mail.kind()) {
            case "OPENING" -> ".before-opening";
            case "OPENED" -> ".window-opened";
            default -> "";
        };
        return "<renewal-reminder." + mail.endorsementNumber() + "." + mail.closesOn() + kind + "."
                + mail.daysBefore() + "@" + domain + ">";
    }

    private static Text beforeOpening(RenewalReminderDue event) {
        return new Text("Endorsement " + event.endorsementNumber() + ": renewal opens on " + event.opensOn()
                + " / Acreditación " + event.endorsementNumber() + ": la renovación abre el " + event.opensOn(),
                "Your endorsement " + event.endorsementNumber() + " comes up for renewal. The renewal period opens on "
                        + event.opensOn() + ", " + event.daysBefore() + " days from now, and closes on "
                        + event.closesOn() + ". Make sure this cycle's hours and your membership are logged, so that"
                        + " you can submit your renewal as soon as it opens. An endorsement not renewed in time is"
                        + " removed from the public registry.\n\n"
                        + "Su acreditación " + event.endorsementNumber() + " debe renovarse. El período de renovación abre el "
                        + event.opensOn() + ", dentro de " + event.daysBefore() + " días, y cierra el "
                        + event.closesOn() + ". Asegúrese de registrar las horas de este ciclo y su membresía, para"
                        + " poder enviar su renovación en cuanto abra. Una acreditación que no se renueva a tiempo se retira"
                        + " del registro público.");
    }

    private static Text beforeClosing(RenewalReminderDue event) {
        return new Text("Endorsement " + event.endorsementNumber() + ": renew by " + event.closesOn()
                + " / Acreditación " + event.endorsementNumber() + ": renueve antes del " + event.closesOn(),
                "Your endorsement " + event.endorsementNumber() + " is valid through " + event.closesOn() + ", "
                        + event.daysBefore() + " days from now. Its renewal window is open: log this cycle's"
                        + " trainings and reflective supervision, then submit your renewal before it closes. An"
                        + " endorsement not renewed in time is removed from the public registry.\n\n"
                        + "Su acreditación " + event.endorsementNumber() + " es válida hasta el " + event.closesOn()
                        + ", dentro de " + event.daysBefore() + " días. Su período de renovación está abierto:"
                        + " registre las capacitaciones y la supervisión reflexiva de este ciclo y envíe su renovación"
                        + " antes de que cierre. Una acreditación que no se renueva a tiempo se retira del registro público.");
    }

    private static Text windowOpened(RenewalWindowOpened event) {
        return new Text("Endorsement " + event.endorsementNumber() + ": the renewal period is open"
                + " / Acreditación " + event.endorsementNumber() + ": el período de renovación está abierto",
                "The renewal period of your endorsement " + event.endorsementNumber() + " opened on "
                        + event.opensOn() + " and closes on " + event.closesOn() + ". Submit your renewal once"
                        + " every year of the cycle is met. An endorsement not renewed in time is removed from the"
                        + " public registry.\n\n"
                        + "El período de renovación de su acreditación " + event.endorsementNumber() + " abrió el "
                        + event.opensOn() + " y cierra el " + event.closesOn() + ". Envíe su renovación cuando cumpla"
                        + " los requisitos de cada año del ciclo. Una acreditación que no se renueva a tiempo se retira del"
                        + " registro público.");
    }

    private MimeMessage message(Mail mail, Recorded reminder) {
        MimeMessage message = this.mail.createMimeMessage();
        try {
            MimeMessageHelper helper = new MimeMessageHelper(message, "UTF-8");
            helper.setFrom(from);
            helper.setTo(reminder.recipient());
            helper.setSubject(mail.text().subject());
            helper.setText(mail.text().body());
            // JavaMailSender keeps a Message-ID set here instead of making a new one.
            message.setHeader("Message-ID", reminder.messageId());
        } catch (MessagingException e) {
            throw new MailPreparationException(e);
        }
        return message;
    }
}
