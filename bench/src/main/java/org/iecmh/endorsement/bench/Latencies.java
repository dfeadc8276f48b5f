package org.iecmh.endorsement.bench;

import java.util.Arrays;

/** Times of one kind of operation, in nanoseconds, and their percentiles (nearest rank). Not thread-safe. */
final class Latencies {

    private long[] nanos;
    private int count;

    Latencies() {
        this(64);
    }

    Latencies(int expected) {
        nanos = new long[Math.max(expected, 1)];
    }

    void add(long nanoseconds) {
        if (count == nanos.length) {
            nanos = Arrays.copyOf(nanos, nanos.length * 2);
        }
        nanos[count++] = nanoseconds;
    }

    void addAll(Latencies other) {
        for (int i = 0; i < other.count; i++) {
            add(other.nanos[i]);
        }
    }

    int count() {
        return count;
    }

    /** The {@code p}-th percentile (0 < p <= 100) in milliseconds, by nearest rank; NaN when nothing was timed. */
    double percentileMillis(double p) {
        if (count == 0) {
            return Double.NaN;
        }
        long[] sorted = Arrays.copyOf(nanos, count);
        Arrays.sort(sorted);
        int rank = (int) Math.ceil(p / 100.0 * count);
        return sorted[Math.min(Math.max(rank, 1), count) - 1] / 1e6;
    }

    double p50() {
        return percentileMillis(50);
    }

    double p99() {
        return percentileMillis(99);
    }
}
