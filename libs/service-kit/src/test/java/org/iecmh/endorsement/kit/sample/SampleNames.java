package org.iecmh.endorsement.kit.sample;

import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.iecmh.endorsement.kit.readmodel.ReadModel;
import org.springframework.context.annotation.Bean;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.util.List;

/** A read model the sample keeps with a tracking processor: each submission's current name. */
@Component
@ProcessingGroup(SampleNames.PROCESSOR)
public class SampleNames {

    public static final String PROCESSOR = "sample-names";

    private final JdbcTemplate jdbc;

    SampleNames(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @Bean
    static ReadModel sampleNamesReadModel(SampleNames names) {
        return ReadModel.tracking("sample-names", PROCESSOR, List.of("sample_name"), List.of(names));
    }

    @EventHandler
    void on(SampleSubmission.Submitted event) {
        jdbc.update("INSERT INTO sample_name (id, tenant_id, name) VALUES (?, ?, ?) ON CONFLICT (id) DO NOTHING",
                event.id(), event.tenantId(), event.name());
    }

    @EventHandler
    void on(SampleSubmission.Renamed event) {
        jdbc.update("UPDATE sample_name SET name = ? WHERE id = ?", event.name(), event.id());
    }
}
