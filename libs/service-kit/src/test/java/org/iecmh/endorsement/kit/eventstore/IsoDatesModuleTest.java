package org.iecmh.endorsement.kit.eventstore;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Instant;
import java.time.LocalDate;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class IsoDatesModuleTest {

    record Dated(LocalDate day, Instant at) {
    }

    /** The service kit's mapper, and the same without the module: Jackson's own reading. */
    private final ObjectMapper kit = new EventStoreAutoConfiguration().defaultAxonObjectMapper();
    private final ObjectMapper jackson = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(DeserializationFeature.ADJUST_DATES_TO_CONTEXT_TIME_ZONE)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    @Test
    void readsWhatTheKitWritesAsJacksonReadsIt() throws Exception {
        SplittableRandom random = new SplittableRandom(2026_12_02);
        for (int i = 0; i < 50_000; i++) {
            long second = random.nextLong(-2_208_988_800L, 7_258_118_400L);
            int nanos = switch (i % 3) {
                case 0 -> 0;
                case 1 -> random.nextInt(1000) * 1_000_000;
                default -> random.nextInt(1_000_000_000);
            };
            Dated dated = new Dated(LocalDate.ofEpochDay(random.nextLong(-25_567, 84_006)),
                    Instant.ofEpochSecond(second, nanos));
            String written = kit.writeValueAsString(dated);
            assertThat(kit.readValue(written, Dated.class)).as(written).isEqualTo(dated)
                    .isEqualTo(jackson.readValue(written, Dated.class));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"{\"day\": \"2024-02-29\", \"at\": \"2026-12-02T21:30:00Z\"}",
            "{\"day\": [2026, 12, 2], \"at\": 1796246236}", "{\"day\": \"+10000-01-01\", \"at\": \"2026-12-02T21:30:00.5Z\"}",
            "{\"day\": \"2026-12-02\", \"at\": \"2026-12-02T21:30:00+02:00\"}",
            "{\"day\": null, \"at\": \"2026-12-02T23:59:59.123456789Z\"}",
            "{\"day\": \"2026-12-02\", \"at\": \"2026-12-02T24:00:00Z\"}"})
    void otherFormsAreReadAsJacksonReadsThem(String json) throws Exception {
        assertThat(kit.readValue(json, Dated.class)).isEqualTo(jackson.readValue(json, Dated.class));
    }

    @ParameterizedTest
    @ValueSource(strings = {"{\"day\": \"2026-02-30\"}", "{\"day\": \"2026-13-01\"}",
            "{\"at\": \"2026-12-02 21:30:00Z\"}", "{\"day\": \"yesterday\"}", "{\"at\": true}"})
    void whatJacksonRefusesIsRefused(String json) {
        assertThatThrownBy(() -> jackson.readValue(json, Dated.class)).isInstanceOf(Exception.class);
        assertThatThrownBy(() -> kit.readValue(json, Dated.class)).isInstanceOf(Exception.class);
    }
}
