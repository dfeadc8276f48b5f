package org.iecmh.endorsement.application.policy;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.util.Locale;

/**
 * Hands out endorsement numbers per association without gaps: the counter moves in the caller's transaction, so a
 * grant that fails gives its number back.
 */
@Component
public class EndorsementNumbers {

    private final JdbcTemplate jdbc;

    EndorsementNumbers(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** The next number of the tenant, such as {@code MA-000042}. Call inside the transaction that grants it. */
    public String next(String tenantId) {
        Long number = jdbc.queryForObject("""
                INSERT INTO endorsement_number_counter (tenant_id, last_number) VALUES (?, 1)
                ON CONFLICT (tenant_id) DO UPDATE SET last_number = endorsement_number_counter.last_number + 1
                RETURNING last_number""", Long.class, tenantId);
        return String.format("%s-%06d", tenantId.toUpperCase(Locale.ROOT), number);
    }
}
