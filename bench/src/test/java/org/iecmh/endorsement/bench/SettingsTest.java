package org.iecmh.endorsement.bench;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SettingsTest {

    @Test
    void withoutOnlyEveryMeasurementRuns() {
        Settings settings = Settings.parse(List.of());

        assertThat(Settings.MEASUREMENTS).allMatch(settings::runs);
        assertThat(settings.samples()).isEqualTo(30);
    }

    @Test
    void onlyRunsTheNamedMeasurementsAndTheStateAtRunsTheLongStreamItReads() {
        Settings settings = Settings.parse(List.of("--only", "rebuild, state-at,ingest", "--samples", "10"));

        assertThat(Settings.MEASUREMENTS.stream().filter(settings::runs))
                .containsExactly("long-stream", "state-at", "rebuild", "ingest");
        assertThat(settings.samples()).isEqualTo(10);
    }

    @Test
    void anUnknownMeasurementIsRefusedWithTheNames() {
        assertThatThrownBy(() -> Settings.parse(List.of("--only", "rebuilds")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("rebuilds").hasMessageContaining("registry-rebuild");
    }
}
