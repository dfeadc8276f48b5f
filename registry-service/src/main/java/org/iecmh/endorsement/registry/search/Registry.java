package org.iecmh.endorsement.registry.search;

import org.iecmh.endorsement.contracts.EndorsementGranted;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.stereotype.Component;

import java.sql.Date;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;

/**
 * The registry, kept from application-service's events. The association's code is its state's (or country's)
 * code, which the registry shows as the endorsee's state.
 */
@Component
public class Registry {

    static final int MAX_RESULTS = 50;

    private static final RowMapper<RegistryEntry> ROW = (rs, n) -> new RegistryEntry(rs.getString("name"),
            rs.getString("category"), rs.getString("state"), rs.getString("endorsement_number"),
            rs.getDate("endorsed_since").toLocalDate(), rs.getDate("valid_through").toLocalDate());

    private final JdbcTemplate jdbc;

    Registry(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    void list(EndorsementGranted granted) {
        jdbc.update("""
                INSERT INTO registry_entry (endorsement_number, tenant_id, name, name_folded, category, state,
                                            endorsed_since, valid_through)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT (endorsement_number) DO UPDATE SET valid_through = EXCLUDED.valid_through""",
                granted.endorsementNumber(), granted.tenantId(), granted.endorseeName(),
                Names.fold(granted.endorseeName()), granted.category(),
                granted.tenantId().toUpperCase(Locale.ROOT),
                Date.valueOf(granted.grantedAt().atZone(ZoneOffset.UTC).toLocalDate()),
                Date.valueOf(granted.validThrough()));
    }

    /** Endorsees whose name contains {@code name}, optionally in one state; at most {@value #MAX_RESULTS}. */
    public List<RegistryEntry> search(String name, String state) {
        String pattern = "%" + Names.fold(name).replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%";
        if (state == null || state.isBlank()) {
            return jdbc.query("SELECT * FROM registry_entry WHERE name_folded LIKE ? ORDER BY name_folded, "
                    + "endorsement_number LIMIT " + MAX_RESULTS, ROW, pattern);
        }
        return jdbc.query("SELECT * FROM registry_entry WHERE name_folded LIKE ? AND state = ? ORDER BY name_folded, "
                + "endorsement_number LIMIT " + MAX_RESULTS, ROW, pattern, state.toUpperCase(Locale.ROOT));
    }
}
