package org.iecmh.endorsement.kit.eventstore;

import java.time.Duration;
import java.util.function.LongSupplier;

/**
 * How often a reader of the whole store (the reader that feeds the tracking processors, a processor reading on its
 * own) reads it again once it has reached its head: no sooner than an interval after the read that found less than a
 * full batch. Under load, reading again at once found the one or two events committed meanwhile, each read a
 * transaction of its own (and, when it found none, a second query for gaps): about one per command, more than the
 * command's own. Paced, one read takes what every command of the interval committed. A reader that has been at rest
 * for the interval reads at once, so a lone command reaches the processors without waiting. Each thread is a reader
 * of its own.
 */
final class HeadPacing {

    private final long intervalNanos;
    private final LongSupplier nanoTime;
    /** When this thread's last read found less than it asked for; absent while it reads full batches. */
    private final ThreadLocal<Long> headReachedAt = new ThreadLocal<>();

    HeadPacing(Duration interval, LongSupplier nanoTime) {
        this.intervalNanos = interval.toNanos();
        this.nanoTime = nanoTime;
    }

    /** Nanoseconds this thread waits before its next read: 0 unless it reached the head less than an interval ago. */
    long waitBeforeReading() {
        Long reached = headReachedAt.get();
        return reached == null ? 0 : Math.max(0, reached + intervalNanos - nanoTime.getAsLong());
    }

    /** Records what this thread's read found: {@code found} events where it asked for {@code asked}. */
    void read(int found, int asked) {
        if (found < asked) {
            headReachedAt.set(nanoTime.getAsLong());
        } else {
            headReachedAt.remove();
        }
    }
}
