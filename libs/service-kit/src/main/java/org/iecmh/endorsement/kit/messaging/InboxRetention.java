package org.iecmh.endorsement.kit.messaging;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.jdbc.core.JdbcTemplate;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Keeps the inbox from growing for ever: the ids of events handled longer ago than the retention
 * ({@code iecmh.inbox.retention}, 90 days) are deleted, every {@code iecmh.inbox.prune-every} (an hour), a batch of
 * rows per statement so that no deletion holds many locks for long. An event redelivered after its id was deleted
 * would be handled again: the retention must be longer than any redelivery, which Kafka bounds by how long a consumer
 * group's offsets live when it is down (the broker's {@code offsets.retention.minutes}, seven days by default) and
 * which an operator who resets a group's offsets further back must take into account. Every instance prunes; they skip
 * each other's rows ({@code SKIP LOCKED}).
 */
public class InboxRetention implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(InboxRetention.class);
    static final int BATCH = 5000;

    private final JdbcTemplate jdbc;
    private final Clock clock;
    private final Duration retention;
    private final Duration every;
    private ScheduledExecutorService timer;

    public InboxRetention(JdbcTemplate jdbc, Clock clock, Duration retention, Duration every) {
        if (retention.isNegative() || retention.isZero() || every.isNegative() || every.isZero()) {
            throw new IllegalArgumentException("iecmh.inbox.retention and prune-every must be positive, not "
                    + retention + " and " + every);
        }
        this.jdbc = jdbc;
        this.clock = clock;
        this.retention = retention;
        this.every = every;
    }

    /** Deletes the ids received before the retention began, returning how many. */
    public int prune() {
        Instant before = clock.instant().minus(retention);
        int pruned = 0;
        int deleted;
        do {
            deleted = jdbc.update("""
                    DELETE FROM inbox WHERE ctid = ANY(ARRAY(
                        SELECT ctid FROM inbox WHERE received_at < ? LIMIT ? FOR UPDATE SKIP LOCKED))""",
                    Timestamp.from(before), BATCH);
            pruned += deleted;
        } while (deleted == BATCH);
        if (pruned > 0) {
            log.info("Pruned {} inbox ids received before {}", pruned, before);
        }
        return pruned;
    }

    @Override
    public synchronized void start() {
        timer = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "inbox-retention");
            thread.setDaemon(true);
            return thread;
        });
        timer.scheduleWithFixedDelay(() -> {
            try {
                prune();
            } catch (RuntimeException e) {
                log.warn("Could not prune the inbox; trying again in {}", every, e);
            }
        }, every.toMillis(), every.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public synchronized void stop() {
        if (timer != null) {
            timer.shutdownNow();
            timer = null;
        }
    }

    @Override
    public synchronized boolean isRunning() {
        return timer != null;
    }
}
