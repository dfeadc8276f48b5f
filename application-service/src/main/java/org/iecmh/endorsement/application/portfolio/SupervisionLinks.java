package org.iecmh.endorsement.application.portfolio;

import org.iecmh.endorsement.kit.web.LinkSecret;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;

/**
 * The one-time links mailed to supervision providers. A link's secret exists only in the mail: this table keeps its
 * SHA-256 hash, its association and expiry, so that neither the database nor the event store gives a working link
 * away. That it works once is the portfolio's rule (an answered request takes no second answer).
 */
@Component
class SupervisionLinks {

    /** Where a link points. */
    record Link(String confirmationId, String applicationId, String tenantId, Instant expiresAt) {
    }

    private final JdbcTemplate jdbc;

    SupervisionLinks(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    String issue(String confirmationId, String applicationId, String tenantId, Instant expiresAt, Instant now) {
        String secret = LinkSecret.issue();
        jdbc.update("""
                INSERT INTO supervision_link (token_hash, confirmation_id, application_id, tenant_id, expires_at,
                                              issued_at)
                VALUES (?, ?, ?, ?, ?, ?)""", LinkSecret.hash(secret), confirmationId, applicationId, tenantId,
                Timestamp.from(expiresAt), Timestamp.from(now));
        return secret;
    }

    Optional<Link> find(String secret) {
        if (!LinkSecret.wellFormed(secret)) {
            return Optional.empty();
        }
        return jdbc.query("SELECT * FROM supervision_link WHERE token_hash = ?", (rs, n) -> new Link(
                rs.getString("confirmation_id"), rs.getString("application_id"), rs.getString("tenant_id"),
                rs.getTimestamp("expires_at").toInstant()), LinkSecret.hash(secret)).stream().findFirst();
    }
}
