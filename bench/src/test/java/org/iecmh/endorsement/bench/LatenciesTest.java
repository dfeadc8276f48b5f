package org.iecmh.endorsement.bench;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class LatenciesTest {

    @Test
    void percentilesAreNearestRankOverEveryTime() {
        Latencies latencies = new Latencies(2);
        for (int ms = 100; ms >= 1; ms--) {
            latencies.add(ms * 1_000_000L);
        }

        assertThat(latencies.count()).isEqualTo(100);
        assertThat(latencies.p50()).isEqualTo(50.0);
        assertThat(latencies.p99()).isEqualTo(99.0);
        assertThat(latencies.percentileMillis(100)).isEqualTo(100.0);
    }

    @Test
    void aSingleStallIsTheP99OfAFewAnswers() {
        Latencies latencies = new Latencies();
        for (int i = 0; i < 20; i++) {
            latencies.add(5_000_000L);
        }
        latencies.add(30_000_000_000L);

        assertThat(latencies.p99()).isEqualTo(30_000.0);
        assertThat(latencies.p50()).isEqualTo(5.0);
    }

    @Test
    void nothingTimedHasNoPercentile() {
        assertThat(new Latencies().p50()).isNaN();
    }
}
