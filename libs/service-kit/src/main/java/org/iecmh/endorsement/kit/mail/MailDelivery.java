package org.iecmh.endorsement.kit.mail;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import org.iecmh.endorsement.kit.time.Repeating;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.mail.MailException;
import org.springframework.mail.MailPreparationException;
import org.springframework.mail.MailSendException;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.MimeMessageHelper;

import java.io.UnsupportedEncodingException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Sends what the outbox holds, on a thread of its own every {@code iecmh.mail.deliver-every}. A round claims a batch
 * of due mails in one statement ({@code SKIP LOCKED}: instances take different mails) by moving their next try
 * {@code iecmh.mail.claim-for} ahead, hands them to the SMTP relay over one connection, and marks each SENT, or due
 * again after the {@link MailRetries} wait, or FAILED after its last try. A mail keeps its Message-ID on every try. If an instance
 * stops after the relay took a mail but before it was marked, the mail goes again once the claim runs out, with the
 * same Message-ID, which mail clients show as one message: as close to once as SMTP allows.
 */
public class MailDelivery extends Repeating {

    private static final Logger log = LoggerFactory.getLogger(MailDelivery.class);
    static final int BATCH = 20;

    private record Claimed(long seq, String key, String recipient, String sender, String senderName, String messageId,
                           String subject, String text, String html, int attempts) {
    }

    private final JdbcTemplate jdbc;
    private final JavaMailSender smtp;
    private final Clock clock;
    private final MailRetries retries;
    private final Duration claimFor;

    public MailDelivery(JdbcTemplate jdbc, JavaMailSender smtp, Clock clock, MailRetries retries, Duration claimFor,
                        Duration every) {
        super("mail-delivery", every);
        this.jdbc = jdbc;
        this.smtp = smtp;
        this.clock = clock;
        this.retries = retries;
        this.claimFor = claimFor;
    }

    /** Sends every mail due now; answers how many the relay took. */
    public int deliverDue() {
        int sent = 0;
        List<Claimed> claimed;
        do {
            claimed = claim();
            sent += deliver(claimed);
        } while (claimed.size() == BATCH);
        return sent;
    }

    @Override
    protected void repeat() {
        deliverDue();
    }

    /**
     * Due mails in the order they were recorded, so that one person's mails arrive in the order of their steps. A mail
     * never tried is due whatever the clock says, so that a clock moved back never holds it.
     */
    private List<Claimed> claim() {
        Instant now = clock.instant();
        return jdbc.query("""
                UPDATE mail_outbox SET attempts = attempts + 1, next_attempt_at = ?
                WHERE mail_key IN (SELECT mail_key FROM mail_outbox
                                   WHERE status = 'PENDING' AND (attempts = 0 OR next_attempt_at <= ?)
                                   ORDER BY seq LIMIT ? FOR UPDATE SKIP LOCKED)
                RETURNING seq, mail_key, recipient, sender, sender_name, message_id, subject, text_body, html_body,
                          attempts""",
                (rs, n) -> new Claimed(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4),
                        rs.getString(5), rs.getString(6), rs.getString(7), rs.getString(8), rs.getString(9),
                        rs.getInt(10)),
                Timestamp.from(now.plus(claimFor)), Timestamp.from(now), BATCH)
                .stream().sorted(Comparator.comparingLong(Claimed::seq)).toList();
    }

    /**
     * Hands a batch to the relay over one connection (a connection per mail cost more than the mail), then marks each
     * mail by what the relay said of it: taken, or refused with its own error (every one, where the connection
     * failed).
     */
    private int deliver(List<Claimed> batch) {
        Map<Claimed, MimeMessage> messages = new LinkedHashMap<>();
        for (Claimed mail : batch) {
            try {
                messages.put(mail, message(mail));
            } catch (RuntimeException e) {
                failed(mail, e);
            }
        }
        if (messages.isEmpty()) {
            return 0;
        }
        Map<Object, Exception> refused;
        try {
            smtp.send(messages.values().toArray(MimeMessage[]::new));
            refused = Map.of();
        } catch (MailSendException e) {
            // Without failed messages, the relay took every one and only closing the connection failed.
            refused = e.getFailedMessages();
        } catch (MailException e) {
            refused = new IdentityHashMap<>();
            for (MimeMessage message : messages.values()) {
                refused.put(message, e);
            }
        }
        List<Claimed> taken = new ArrayList<>();
        for (Map.Entry<Claimed, MimeMessage> mail : messages.entrySet()) {
            Exception refusal = refused.get(mail.getValue());
            if (refusal == null) {
                taken.add(mail.getKey());
            } else {
                failed(mail.getKey(), refusal);
            }
        }
        if (taken.isEmpty()) {
            return 0;
        }
        try {
            jdbc.update("""
                    UPDATE mail_outbox SET status = 'SENT', sent_at = ?, text_body = NULL, html_body = NULL,
                                           last_error = NULL
                    WHERE mail_key = ANY(?)""", Timestamp.from(clock.instant()),
                    taken.stream().map(Claimed::key).toArray(String[]::new));
        } catch (RuntimeException e) {
            taken.forEach(mail -> log.warn("Mail {} was taken by the relay but could not be marked sent; it goes again "
                    + "as {} once its claim runs out", mail.key(), mail.messageId()));
            log.warn("Marking {} mails sent failed", taken.size(), e);
            return taken.size();
        }
        taken.forEach(mail -> log.info("Mail {} sent as {} (try {})", mail.key(), mail.messageId(), mail.attempts()));
        return taken.size();
    }

    private void failed(Claimed mail, Exception e) {
        String error = String.valueOf(e.getMessage());
        error = error.length() > 1000 ? error.substring(0, 1000) : error;
        if (retries.exhausted(mail.attempts())) {
            jdbc.update("""
                    UPDATE mail_outbox SET status = 'FAILED', last_error = ?, text_body = NULL, html_body = NULL
                    WHERE mail_key = ?""", error, mail.key());
            log.error("Mail {} given up on after {} tries: {}", mail.key(), mail.attempts(), error);
        } else {
            Duration wait = retries.after(mail.attempts());
            jdbc.update("UPDATE mail_outbox SET next_attempt_at = ?, last_error = ? WHERE mail_key = ?",
                    Timestamp.from(clock.instant().plus(wait)), error, mail.key());
            log.warn("Mail {} not taken by the relay (try {}); trying again in {}: {}", mail.key(), mail.attempts(),
                    wait, error);
        }
    }

    private MimeMessage message(Claimed mail) {
        MimeMessage message = smtp.createMimeMessage();
        try {
            MimeMessageHelper helper = new MimeMessageHelper(message, mail.html() != null, "UTF-8");
            if (mail.senderName() != null) {
                helper.setFrom(mail.sender(), mail.senderName());
            } else {
                helper.setFrom(mail.sender());
            }
            helper.setTo(mail.recipient());
            helper.setSubject(mail.subject());
            if (mail.html() != null) {
                helper.setText(mail.text(), mail.html());
            } else {
                helper.setText(mail.text());
            }
            // JavaMailSender keeps a Message-ID set here instead of making a new one.
            message.setHeader("Message-ID", mail.messageId());
        } catch (MessagingException | UnsupportedEncodingException e) {
            throw new MailPreparationException(e);
        }
        return message;
    }
}
