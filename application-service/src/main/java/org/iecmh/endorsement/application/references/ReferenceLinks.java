package org.iecmh.endorsement.application.references;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The one-time links mailed to raters. A link's secret exists only in the mail: this table keeps its SHA-256 hash
 * and expiry, so that neither the database nor the event store can give a working link away.
 */
@Component
class ReferenceLinks {

    /** Where a link points and whether a newer one took its place. */
    record Link(String referenceId, String applicationId, String tenantId, Instant expiresAt, boolean superseded) {
    }

    private static final SecureRandom RANDOM = new SecureRandom();
    /** 32 random bytes, base64url without padding. */
    private static final Pattern SECRET = Pattern.compile("[A-Za-z0-9_-]{43}");

    private final JdbcTemplate jdbc;

    ReferenceLinks(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** A new secret for the reference's link; earlier links of the reference stop working. */
    String issue(String applicationId, String tenantId, String referenceId, Instant expiresAt, Instant now) {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        String secret = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        jdbc.update("UPDATE reference_link SET superseded_at = ? WHERE reference_id = ? AND superseded_at IS NULL",
                Timestamp.from(now), referenceId);
        jdbc.update("""
                INSERT INTO reference_link (token_hash, reference_id, application_id, tenant_id, expires_at, issued_at)
                VALUES (?, ?, ?, ?, ?, ?)""", hash(secret), referenceId, applicationId, tenantId,
                Timestamp.from(expiresAt), Timestamp.from(now));
        return secret;
    }

    Optional<Link> find(String secret) {
        if (secret == null || !SECRET.matcher(secret).matches()) {
            return Optional.empty();
        }
        return jdbc.query("SELECT * FROM reference_link WHERE token_hash = ?", (rs, n) -> new Link(
                rs.getString("reference_id"), rs.getString("application_id"), rs.getString("tenant_id"),
                rs.getTimestamp("expires_at").toInstant(), rs.getTimestamp("superseded_at") != null),
                hash(secret)).stream().findFirst();
    }

    static String hash(String secret) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(secret.getBytes(StandardCharsets.US_ASCII)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JVM", e);
        }
    }
}
