package org.iecmh.endorsement.kit.mail;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The service's outgoing mail. {@link #record} writes a mail in the caller's transaction (the event handler's, the
 * command's), so the mail exists exactly when the step that causes it was taken, and once per key however often the
 * step is handled; {@link MailDelivery} sends it afterwards. Staff read what could not be delivered, and each person
 * what was sent to them.
 */
public class MailOutbox {

    /** Where a mail stands. */
    public enum Status { PENDING, SENT, FAILED }

    /** A recorded mail as staff and its recipient see it: never its body. */
    public record Recorded(String kind, String recipient, String language, String subject, String link, Status status,
                           int attempts, Instant recordedAt, Instant sentAt, String lastError) {
    }

    private static final RowMapper<Recorded> RECORDED = (rs, n) -> new Recorded(rs.getString("kind"),
            rs.getString("recipient"), rs.getString("language"), rs.getString("subject"), rs.getString("link"),
            Status.valueOf(rs.getString("status")), rs.getInt("attempts"),
            rs.getTimestamp("recorded_at").toInstant(),
            rs.getTimestamp("sent_at") == null ? null : rs.getTimestamp("sent_at").toInstant(),
            rs.getString("last_error"));

    private final JdbcTemplate jdbc;
    private final Clock clock;
    private final String defaultSender;

    public MailOutbox(JdbcTemplate jdbc, Clock clock, String defaultSender) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.defaultSender = defaultSender;
    }

    /** The service's own sender ({@code iecmh.mail.from}), for an association whose record names none. */
    public String defaultSender() {
        return defaultSender;
    }

    /** Records {@code mail} to be sent, in the caller's transaction; false if a mail with its key was recorded before. */
    public boolean record(OutgoingMail mail) {
        Timestamp now = Timestamp.from(clock.instant());
        return jdbc.update("""
                INSERT INTO mail_outbox (mail_key, tenant_id, kind, recipient, person, language, sender, sender_name,
                                         message_id, subject, text_body, html_body, link, status, recorded_at,
                                         next_attempt_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'PENDING', ?, ?) ON CONFLICT (mail_key) DO NOTHING""",
                mail.key(), mail.tenantId(), mail.kind(), mail.recipient(), mail.person(), mail.language(),
                mail.sender(), mail.senderName(), mail.messageId(), mail.content().subject(), mail.content().text(),
                mail.content().html(), mail.link(), now, now) == 1;
    }

    /** Keeps {@code language} as the one {@code person} reads in the association, in the caller's transaction. */
    public void rememberLanguage(String tenantId, String person, String language) {
        jdbc.update("""
                INSERT INTO mail_recipient (tenant_id, person, language, updated_at) VALUES (?, ?, ?, ?)
                ON CONFLICT (tenant_id, person) DO UPDATE SET language = EXCLUDED.language,
                                                              updated_at = EXCLUDED.updated_at
                WHERE mail_recipient.language IS DISTINCT FROM EXCLUDED.language""",
                tenantId, person, language, Timestamp.from(clock.instant()));
    }

    /** Keeps {@code address} as where {@code person} is mailed in the association, in the caller's transaction. */
    public void rememberAddress(String tenantId, String person, String address) {
        jdbc.update("""
                INSERT INTO mail_recipient (tenant_id, person, email_address, updated_at) VALUES (?, ?, ?, ?)
                ON CONFLICT (tenant_id, person) DO UPDATE SET email_address = EXCLUDED.email_address,
                                                              updated_at = EXCLUDED.updated_at
                WHERE mail_recipient.email_address IS DISTINCT FROM EXCLUDED.email_address""",
                tenantId, person, address, Timestamp.from(clock.instant()));
    }

    /** The language {@code person} last chose in the association, if they chose one. */
    public Optional<String> language(String tenantId, String person) {
        return jdbc.queryForList("SELECT language FROM mail_recipient WHERE tenant_id = ? AND person = ? "
                + "AND language IS NOT NULL", String.class, tenantId, person).stream().findFirst();
    }

    /** Where {@code person} is mailed in the association, if the service was told. */
    public Optional<String> address(String tenantId, String person) {
        return jdbc.queryForList("SELECT email_address FROM mail_recipient WHERE tenant_id = ? AND person = ? "
                + "AND email_address IS NOT NULL", String.class, tenantId, person).stream().findFirst();
    }

    /** How the mail recorded under {@code key} stands, if one is. */
    public Optional<Recorded> find(String key) {
        return jdbc.query("SELECT * FROM mail_outbox WHERE mail_key = ?", RECORDED, key).stream().findFirst();
    }

    /** The association's mails given up on after their last try, newest first. */
    public List<Recorded> failed(String tenantId) {
        return jdbc.query("SELECT * FROM mail_outbox WHERE tenant_id = ? AND status = 'FAILED' "
                + "ORDER BY recorded_at DESC, mail_key LIMIT 500", RECORDED, tenantId);
    }

    /** What was recorded for {@code person} in the association, newest first. */
    public List<Recorded> sentTo(String tenantId, String person) {
        return jdbc.query("SELECT * FROM mail_outbox WHERE tenant_id = ? AND person = ? "
                + "ORDER BY recorded_at DESC, mail_key LIMIT 500", RECORDED, tenantId, person);
    }
}
