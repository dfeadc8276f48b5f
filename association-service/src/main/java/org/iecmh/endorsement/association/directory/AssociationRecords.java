package org.iecmh.endorsement.association.directory;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.axonframework.eventhandling.Timestamp;
import org.iecmh.endorsement.contracts.Category;
import org.iecmh.endorsement.contracts.association.Association;
import org.iecmh.endorsement.association.record.RecordChanged;
import org.iecmh.endorsement.kit.association.AssociationJson;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Each association's record as it now stands; updated in the transaction that stores its events. */
@Component
@ProcessingGroup(AssociationRecords.PROCESSING_GROUP)
public class AssociationRecords {

    public static final String PROCESSING_GROUP = "association-records";

    /** What anyone may read of an association: enough to choose one (the web application, a transfer). */
    public record Summary(String code, String name, String state, List<String> categories, List<String> languages) {
    }

    private final JdbcTemplate jdbc;
    private final AssociationJson json;

    AssociationRecords(JdbcTemplate jdbc, @Qualifier("defaultAxonObjectMapper") ObjectMapper json) {
        this.jdbc = jdbc;
        this.json = new AssociationJson(json);
    }

    @EventHandler
    void on(RecordChanged event, @SequenceNumber long sequence, @Timestamp Instant at) {
        keep(event.record(), sequence, at);
    }

    /** The association's record, whoever asks: for callers that checked access already. */
    public Optional<Association> find(String code) {
        return jdbc.query("SELECT record FROM association_record WHERE code = ?",
                (row, n) -> json.read(row.getString("record")), code).stream().findFirst();
    }

    /** Every association, by code, as anyone may see it; the categories offered are listed in full. */
    public List<Summary> summaries() {
        return jdbc.query("SELECT record FROM association_record ORDER BY code",
                (row, n) -> summary(json.read(row.getString("record"))));
    }

    private static Summary summary(Association record) {
        return new Summary(record.code(), record.name(), record.state(),
                record.offeredCategories().stream().map(Category::abbreviation).toList(), record.languages());
    }

    private void keep(Association record, long sequence, Instant at) {
        jdbc.update("""
                INSERT INTO association_record (code, name, state, sequence, changed_at, record)
                VALUES (?, ?, ?, ?, ?, ?::jsonb)
                ON CONFLICT (code) DO UPDATE SET name = EXCLUDED.name, state = EXCLUDED.state,
                    sequence = EXCLUDED.sequence, changed_at = EXCLUDED.changed_at, record = EXCLUDED.record""",
                record.code(), record.name(), record.state(), sequence, java.sql.Timestamp.from(at), json.write(record));
    }
}
