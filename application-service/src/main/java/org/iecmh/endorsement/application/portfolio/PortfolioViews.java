package org.iecmh.endorsement.application.portfolio;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.Timestamp;
import org.iecmh.endorsement.application.casefile.CaseFile;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/** The portfolio's part of the application read model: each application's entries ({@code portfolio_entry}). */
@Component
@ProcessingGroup(CaseFile.PROCESSING_GROUP)
public class PortfolioViews implements Portfolios {

    private final JdbcTemplate jdbc;
    private final ObjectMapper json;
    /** Writes an entry as its column keeps it; made once, as every entry of a rebuild or a replay is written. */
    private final ObjectWriter entryWriter;

    PortfolioViews(JdbcTemplate jdbc, @Qualifier("defaultAxonObjectMapper") ObjectMapper json) {
        this.jdbc = jdbc;
        this.json = json;
        this.entryWriter = json.writerFor(PortfolioEntry.class);
    }

    @Override
    public Map<String, PortfolioEntry> portfolio(String applicationId) {
        Map<String, PortfolioEntry> entries = new LinkedHashMap<>();
        jdbc.query("SELECT entry_id, entry FROM portfolio_entry WHERE application_id = ? ORDER BY recorded_at, entry_id",
                rs -> {
                    entries.put(rs.getString("entry_id"), read(rs.getString("entry")));
                }, applicationId);
        return entries;
    }

    @EventHandler
    void on(PortfolioEntryRecorded event, @Timestamp Instant at) {
        jdbc.update("""
                INSERT INTO portfolio_entry (application_id, entry_id, kind, entry, recorded_at)
                VALUES (?, ?, ?, ?::jsonb, ?)""", event.applicationId(), event.entryId(),
                PortfolioEntry.kindOf(event.entry()), write(event.entry()), java.sql.Timestamp.from(at));
    }

    @EventHandler
    void on(PortfolioEntryCorrected event) {
        jdbc.update("UPDATE portfolio_entry SET entry = ?::jsonb WHERE application_id = ? AND entry_id = ?",
                write(event.entry()), event.applicationId(), event.entryId());
    }

    @EventHandler
    void on(PortfolioEntryRemoved event) {
        jdbc.update("DELETE FROM portfolio_entry WHERE application_id = ? AND entry_id = ?",
                event.applicationId(), event.entryId());
    }

    private String write(PortfolioEntry entry) {
        try {
            return entryWriter.writeValueAsString(entry);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Cannot write a portfolio entry", e);
        }
    }

    private PortfolioEntry read(String entry) {
        try {
            return json.readValue(entry, PortfolioEntry.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Cannot read a portfolio entry", e);
        }
    }
}
