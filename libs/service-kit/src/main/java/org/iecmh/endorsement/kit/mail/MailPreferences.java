package org.iecmh.endorsement.kit.mail;

import org.iecmh.endorsement.contracts.MailPreferencesChanged;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;

import java.sql.Timestamp;
import java.util.Optional;

/**
 * How each person chose to be mailed, as association-service publishes it ({@link MailPreferencesChanged}), kept in
 * the service's own database ({@code mail_preference}) by the consumer of the associations' topic, in its inbox's
 * transaction. A choice whose sequence is not newer than the one kept is ignored, so a redelivered or late message
 * never brings an older address back.
 */
public class MailPreferences {

    private static final Logger log = LoggerFactory.getLogger(MailPreferences.class);

    /** What a person chose: an address, a language, either null when they chose none. */
    public record Chosen(String emailAddress, String language) {
    }

    private final JdbcTemplate jdbc;

    public MailPreferences(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** Keeps {@code changed} if it is newer than the person's choice kept, in the caller's transaction. */
    public boolean keep(MailPreferencesChanged changed) {
        int updated = jdbc.update("""
                INSERT INTO mail_preference (tenant_id, person, email_address, language, sequence, changed_at)
                VALUES (?, ?, ?, ?, ?, ?)
                ON CONFLICT (tenant_id, person) DO UPDATE SET email_address = EXCLUDED.email_address,
                    language = EXCLUDED.language, sequence = EXCLUDED.sequence, changed_at = EXCLUDED.changed_at
                WHERE mail_preference.sequence < EXCLUDED.sequence""",
                changed.tenantId(), changed.personId(), blankAsNull(changed.emailAddress()),
                blankAsNull(changed.language()), changed.sequence(), Timestamp.from(changed.changedAt()));
        if (updated == 0) {
            log.info("The mail preferences of {} in {} numbered {} are not newer than those kept; ignored",
                    changed.personId(), changed.tenantId(), changed.sequence());
        }
        return updated == 1;
    }

    /**
     * What {@code person} chose in the association; where they never chose there, their newest choice in another
     * association on the platform, so that an endorsee who moves keeps their address and language. A choice left to
     * each step in this association (both null) stands.
     */
    public Optional<Chosen> of(String tenantId, String person) {
        if (person == null) {
            return Optional.empty();
        }
        return jdbc.query("""
                SELECT email_address, language FROM mail_preference WHERE person = ?
                ORDER BY tenant_id = ? DESC, changed_at DESC LIMIT 1""",
                (rs, n) -> new Chosen(rs.getString(1), rs.getString(2)), person, tenantId).stream().findFirst();
    }

    private static String blankAsNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
