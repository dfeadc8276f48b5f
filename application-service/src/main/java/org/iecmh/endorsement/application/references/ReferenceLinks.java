package org.iecmh.endorsement.application.references;

import org.iecmh.endorsement.kit.web.LinkSecret;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;

/**
 * The one-time links mailed to raters. A link's secret exists only in the mail: this table keeps its SHA-256 hash
 * and expiry, so that neither the database nor the event store can give a working link away.
 */
@Component
class ReferenceLinks {

    /** Where a link points and whether a newer one took its place. */
    record Link(String referenceId, String applicationId, String tenantId, Instant expiresAt, boolean superseded) {
    }

    private final JdbcTemplate jdbc;

    ReferenceLinks(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** A new secret for the reference's link; earlier links of the reference stop working. */
    String issue(String applicationId, String tenantId, String referenceId, Instant expiresAt, Instant now) {
        String secret = LinkSecret.issue();
        jdbc.update("UPDATE reference_link SET superseded_at = ? WHERE reference_id = ? AND superseded_at IS NULL",
                Timestamp.from(now), referenceId);
        jdbc.update("""
                INSERT INTO reference_link (token_hash, reference_id, application_id, tenant_id, expires_at, issued_at)
                VALUES (?, ?, ?, ?, ?, ?)""", LinkSecret.hash(secret), referenceId, applicationId, tenantId,
                Timestamp.from(expiresAt), Timestamp.from(now));
        return secret;
    }

    Optional<Link> find(String secret) {
        if (!LinkSecret.wellFormed(secret)) {
            return Optional.empty();
        }
        return jdbc.query("SELECT * FROM reference_link WHERE token_hash = ?", (rs, n) -> new Link(
                rs.getString("reference_id"), rs.getString("application_id"), rs.getString("tenant_id"),
                rs.getTimestamp("expires_at").toInstant(), rs.getTimestamp("superseded_at") != null),
                LinkSecret.hash(secret)).stream().findFirst();
    }
}
