package org.iecmh.endorsement.association.preferences;

import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.Timestamp;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.time.Instant;

/** Each person's mail preferences as they now stand; updated in the transaction that stores their events. */
@Component
@ProcessingGroup(MailPreferenceRecords.PROCESSING_GROUP)
public class MailPreferenceRecords {

    public static final String PROCESSING_GROUP = "mail-preference-records";

    /** What a person chose: each part null when they chose none. */
    public record Chosen(String emailAddress, String language) {
        static final Chosen NONE = new Chosen(null, null);
    }

    private final JdbcTemplate jdbc;

    MailPreferenceRecords(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @EventHandler
    void on(MailPreferencesChosen event, @Timestamp Instant at) {
        jdbc.update("""
                INSERT INTO mail_preferences (tenant_id, person, email_address, language, changed_at)
                VALUES (?, ?, ?, ?, ?)
                ON CONFLICT (tenant_id, person) DO UPDATE SET email_address = EXCLUDED.email_address,
                    language = EXCLUDED.language, changed_at = EXCLUDED.changed_at""",
                event.tenantId(), event.personId(), event.emailAddress(), event.language(),
                java.sql.Timestamp.from(at));
    }

    /** What {@code person} chose in the association; nothing chosen when they never did. */
    public Chosen of(String tenantId, String person) {
        return jdbc.query("SELECT email_address, language FROM mail_preferences WHERE tenant_id = ? AND person = ?",
                (rs, n) -> new Chosen(rs.getString(1), rs.getString(2)), tenantId, person).stream().findFirst()
                .orElse(Chosen.NONE);
    }
}
