package org.iecmh.endorsement.kit.readmodel;

import org.axonframework.eventhandling.EventMessage;

import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Reads, on a thread of its own, the payloads of the events a replay is about to hand to its projections, so that
 * turning their JSON into objects (about a quarter of a replay's time) overlaps the handling of the events before
 * them. Only events the projections handle are read, in the replay's order, and reading stops when the replay closes
 * it. The replay still reads a payload itself when it gets there first: an event's payload is read lazily into a
 * volatile field, so at worst it is read twice, never half. A payload that cannot be read is left for the replay to
 * meet and report.
 */
public final class PayloadsAhead implements AutoCloseable {

    private static final AtomicInteger THREADS = new AtomicInteger();
    /** Two readers serve every replay of the service: beside the replays themselves, the cores are few. */
    private static final ExecutorService READERS = Executors.newFixedThreadPool(2, task -> {
        Thread thread = new Thread(task, "replay-payloads-" + THREADS.incrementAndGet());
        thread.setDaemon(true);
        return thread;
    });

    private volatile boolean closed;

    private PayloadsAhead() {
    }

    /** Starts reading the payloads of {@code events} that {@code handlers} handle, oldest first. */
    public static PayloadsAhead read(List<? extends EventMessage<?>> events, ProjectionHandlers handlers) {
        PayloadsAhead ahead = new PayloadsAhead();
        READERS.execute(() -> {
            for (EventMessage<?> event : events) {
                if (ahead.closed) {
                    return;
                }
                if (!handlers.of(event).isEmpty()) {
                    try {
                        event.getPayload();
                    } catch (RuntimeException unreadable) {
                        // The replay reads it again and reports it with the event it belongs to.
                    }
                }
            }
        });
        return ahead;
    }

    /** Stops reading: the replay is done with these events, or gave up on them. */
    @Override
    public void close() {
        closed = true;
    }
}
