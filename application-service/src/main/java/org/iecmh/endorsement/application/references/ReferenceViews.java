package org.iecmh.endorsement.application.references;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.Timestamp;
import org.iecmh.endorsement.application.casefile.CaseFile;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The raters of each application, kept with the application read model (same processing group, same transaction as
 * the events) and rebuilt with it.
 */
@Component
@ProcessingGroup(CaseFile.PROCESSING_GROUP)
public class ReferenceViews implements Raters {

    /** A named rater as the read model keeps it: the reference, and who replaced them, if anyone did. */
    public record Named(String applicationId, String tenantId, Reference reference, String replacedBy,
                        Instant completedAt) {
    }

    private final JdbcTemplate jdbc;
    private final ObjectMapper json;
    private final RowMapper<Named> row;

    ReferenceViews(JdbcTemplate jdbc, @Qualifier("defaultAxonObjectMapper") ObjectMapper json) {
        this.jdbc = jdbc;
        this.json = json;
        this.row = (rs, n) -> new Named(rs.getString("application_id"), rs.getString("tenant_id"),
                new Reference(rs.getString("reference_id"), rs.getString("rater_name"), rs.getString("email"),
                        RaterRelationship.valueOf(rs.getString("relationship")), rs.getBoolean("waives_access"),
                        rs.getInt("form_version"), rs.getTimestamp("link_expires_at").toInstant(),
                        rs.getString("rating") == null ? null : read(rs.getString("rating"))),
                rs.getString("replaced_by"),
                rs.getTimestamp("completed_at") == null ? null : rs.getTimestamp("completed_at").toInstant());
    }

    /** Every rater the application named, replaced ones included, in the order they were named. */
    public List<Named> ofApplication(String applicationId) {
        return jdbc.query("SELECT * FROM reference WHERE application_id = ? ORDER BY position", row,
                applicationId);
    }

    @Override
    public List<Reference> current(String applicationId) {
        return ofApplication(applicationId).stream().filter(named -> named.replacedBy() == null)
                .map(Named::reference).toList();
    }

    public Optional<Named> find(String referenceId) {
        return jdbc.query("SELECT * FROM reference WHERE reference_id = ?", row, referenceId).stream().findFirst();
    }

    @EventHandler
    void on(RaterNamed event, @Timestamp Instant at) {
        insert(event.applicationId(), event.tenantId(), event.referenceId(), event.raterName(), event.email(),
                event.relationship(), event.waivesAccess(), event.formVersion(), event.linkExpiresAt(), at);
    }

    @EventHandler
    void on(RaterReplaced event, @Timestamp Instant at) {
        jdbc.update("UPDATE reference SET replaced_by = ? WHERE reference_id = ?", event.referenceId(),
                event.replacedReferenceId());
        insert(event.applicationId(), event.tenantId(), event.referenceId(), event.raterName(), event.email(),
                event.relationship(), event.waivesAccess(), event.formVersion(), event.linkExpiresAt(), at);
    }

    @EventHandler
    void on(ReferenceLinkResent event) {
        jdbc.update("UPDATE reference SET link_expires_at = ? WHERE reference_id = ?",
                java.sql.Timestamp.from(event.linkExpiresAt()), event.referenceId());
    }

    @EventHandler
    void on(ReferenceSubmitted event, @Timestamp Instant at) throws JsonProcessingException {
        jdbc.update("UPDATE reference SET rating = ?::jsonb, completed_at = ? WHERE reference_id = ?",
                json.writeValueAsString(event.rating()), java.sql.Timestamp.from(at), event.referenceId());
    }

    private void insert(String applicationId, String tenantId, String referenceId, String name, String email,
                        RaterRelationship relationship, boolean waivesAccess, int formVersion, Instant expiresAt,
                        Instant at) {
        jdbc.update("""
                INSERT INTO reference (reference_id, application_id, tenant_id, rater_name, email, relationship,
                                       waives_access, form_version, link_expires_at, named_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (reference_id) DO NOTHING""",
                referenceId, applicationId, tenantId, name, email, relationship.name(), waivesAccess, formVersion,
                java.sql.Timestamp.from(expiresAt), java.sql.Timestamp.from(at));
    }

    private Rating read(String rating) {
        try {
            return json.readValue(rating, Rating.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Unreadable rating", e);
        }
    }
}
