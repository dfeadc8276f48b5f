package org.iecmh.endorsement.kit.sample;

import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.iecmh.endorsement.kit.readmodel.LiveView;
import org.iecmh.endorsement.kit.readmodel.ReadModel;
import org.springframework.context.annotation.Bean;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** The sample's read model: each submission's name and when it last changed, updated as its events are stored. */
@Component
@ProcessingGroup("sample-view")
public class SampleViews implements LiveView {

    public record SampleView(String id, String tenantId, String personId, String name, Instant updatedAt) {
    }

    private final JdbcTemplate jdbc;

    SampleViews(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @Bean
    static ReadModel sampleReadModel(SampleViews views) {
        return new ReadModel("sample-view", List.of("sample_view"), List.of(views));
    }

    @Override
    public String kind() {
        return "samples";
    }

    @Override
    public ReadModel readModel() {
        return new ReadModel("sample-view", List.of("sample_view"), List.of(this));
    }

    @Override
    public Optional<SampleView> find(String id) {
        return jdbc.query("SELECT * FROM sample_view WHERE id = ?", (rs, n) -> new SampleView(rs.getString("id"),
                rs.getString("tenant_id"), rs.getString("person_id"), rs.getString("name"),
                rs.getTimestamp("updated_at").toInstant()), id).stream().findFirst();
    }

    @EventHandler
    void on(SampleSubmission.Submitted event, @org.axonframework.eventhandling.Timestamp Instant at) {
        jdbc.update("INSERT INTO sample_view (id, tenant_id, person_id, name, updated_at) VALUES (?, ?, ?, ?, ?)",
                event.id(), event.tenantId(), event.personId(), event.name(), Timestamp.from(at));
    }

    @EventHandler
    void on(SampleSubmission.Renamed event, @org.axonframework.eventhandling.Timestamp Instant at) {
        jdbc.update("UPDATE sample_view SET name = ?, updated_at = ? WHERE id = ?", event.name(), Timestamp.from(at),
                event.id());
    }
}
