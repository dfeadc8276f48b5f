package org.iecmh.endorsement.kit.eventstore;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;
import org.iecmh.endorsement.kit.audit.EventChain;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;

import java.util.ArrayList;
import java.util.List;

/**
 * Links the events stored before the chain existed (V3 added it), once, oldest link first. From then on every event
 * is linked as it is stored, and an event without its hash is a broken link. Flyway reads the version from the
 * class name, as it does from a file name.
 */
class V4__Chain_stored_events extends BaseJavaMigration {

    private static final int BATCH = 1_000;

    @Override
    public void migrate(Context context) {
        JdbcTemplate jdbc = new JdbcTemplate(new SingleConnectionDataSource(context.getConnection(), true));
        EventChain chain = new EventChain(jdbc, new ObjectMapper());
        List<String> batch = new ArrayList<>();
        jdbc.query("SELECT event_identifier FROM domain_event_entry WHERE chain_hash IS NULL"
                + " ORDER BY aggregate_identifier, sequence_number", rs -> {
            batch.add(rs.getString(1));
        });
        for (int from = 0; from < batch.size(); from += BATCH) {
            chain.seal(batch.subList(from, Math.min(batch.size(), from + BATCH)));
        }
    }
}
