package org.iecmh.endorsement.application.portfolio;

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
 * The one-time links mailed to supervision providers. A link's secret exists only in the mail: this table keeps its
 * SHA-256 hash, its association and expiry, so that neither the database nor the event store gives a working link
 * away. That it works once is the portfolio's rule (an answered request takes no second answer).
 */
@Component
class SupervisionLinks {

    /** Where a link points. */
    record Link(String confirmationId, String applicationId, String tenantId, Instant expiresAt) {
    }

    private static final SecureRandom RANDOM = new SecureRandom();
    /** 32 random bytes, base64url without padding. */
    private static final Pattern SECRET = Pattern.compile("[A-Za-z0-9_-]{43}");

    private final JdbcTemplate jdbc;

    SupervisionLinks(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    String issue(String confirmationId, String applicationId, String tenantId, Instant expiresAt, Instant now) {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        String secret = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        jdbc.update("""
                INSERT INTO supervision_link (token_hash, confirmation_id, application_id, tenant_id, expires_at,
                                              issued_at)
                VALUES (?, ?, ?, ?, ?, ?)""", hash(secret), confirmationId, applicationId, tenantId,
                Timestamp.from(expiresAt), Timestamp.from(now));
        return secret;
    }

    Optional<Link> find(String secret) {
        if (secret == null || !SECRET.matcher(secret).matches()) {
            return Optional.empty();
        }
        return jdbc.query("SELECT * FROM supervision_link WHERE token_hash = ?", (rs, n) -> new Link(
                rs.getString("confirmation_id"), rs.getString("application_id"), rs.getString("tenant_id"),
                rs.getTimestamp("expires_at").toInstant()), hash(secret)).stream().findFirst();
    }

    private static String hash(String secret) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(secret.getBytes(StandardCharsets.US_ASCII)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JVM", e);
        }
    }
}
