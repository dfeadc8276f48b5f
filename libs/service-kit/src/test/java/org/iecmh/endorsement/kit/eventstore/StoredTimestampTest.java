package org.iecmh.endorsement.kit.eventstore;

import org.axonframework.common.DateTimeUtils;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class StoredTimestampTest {

    @Test
    void readsEveryInstantAxonWritesAsAxonReadsIt() {
        SplittableRandom random = new SplittableRandom(20261202);
        for (int i = 0; i < 100_000; i++) {
            // From 1900 to 2200, with any nanoseconds, whole seconds and whole milliseconds among them.
            long second = random.nextLong(-2_208_988_800L, 7_258_118_400L);
            int nanos = switch (i % 3) {
                case 0 -> 0;
                case 1 -> random.nextInt(1000) * 1_000_000;
                default -> random.nextInt(1_000_000_000);
            };
            String written = DateTimeUtils.formatInstant(Instant.ofEpochSecond(second, nanos));
            assertThat(StoredTimestamp.parse(written)).as(written).isEqualTo(DateTimeUtils.parseInstant(written));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"2026-12-02T21:30:00Z", "2026-12-02T21:30:00.1Z", "2026-12-02T21:30:00.123456789Z",
            "2026-12-02T21:30:00+02:00", "2026-12-02T21:30:00.5-08:00", "2024-02-29T23:59:59.999Z"})
    void otherFormsAreReadAsAxonReadsThem(String text) {
        assertThat(StoredTimestamp.parse(text)).isEqualTo(DateTimeUtils.parseInstant(text));
    }

    @ParameterizedTest
    @ValueSource(strings = {"2026-02-30T10:00:00Z", "2026-12-02T24:00:00Z", "2026-12-02T21:60:00Z",
            "2026-12-02T21:30:00.1234567890Z", "2026-12-02 21:30:00Z", "not a time"})
    void whatAxonRefusesIsRefused(String text) {
        assertThatThrownBy(() -> DateTimeUtils.parseInstant(text)).isInstanceOf(DateTimeParseException.class);
        assertThatThrownBy(() -> StoredTimestamp.parse(text)).isInstanceOf(DateTimeParseException.class);
    }
}
