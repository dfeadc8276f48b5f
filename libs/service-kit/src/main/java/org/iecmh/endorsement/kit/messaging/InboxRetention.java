package org.iecmh.endorsement.kit.messaging;

import org.iecmh.endorsement.kit.time.Repeating;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * Keeps the inbox from growing for ever: the ids of events handled longer ago than the retention
 * ({@code iecmh.inbox.retention}, 90 days) are deleted, every {@code iecmh.inbox.prune-every} (an hour), a batch of
 * rows per statement so that no deletion holds many locks for long. An event redelivered after its id was deleted
 * would be handled again: the retention must be longer than any redelivery, which Kafka bounds by how long a consumer
 * group's offsets live when it is down (the broker's {@code offsets.retention.minutes}, seven days by default) and
 * which an operator who resets a group's offsets further back must take into account. Every instance prunes; they skip
 * each other's rows ({@code SKIP LOCKED}).
 */
public class InboxRetention extends Repeating {

    private static final Logger log = LoggerFactory.getLogger(InboxRetention.class);
    static final int BATCH = 5000;

    private final JdbcTemplate jdbc;
    private final Clock clock;
    private final Duration retention;

    public InboxRetention(JdbcTemplate jdbc, Clock clock, Duration retention, Duration every) {
        super("inbox-retention", every);
        if (retention.isNegative() || retention.isZero()) {
            throw new IllegalArgumentException("iecmh.inbox.retention must be positive, not " + retention);
        }
        this.jdbc = jdbc;
        this.clock = clock;
        this.retention = retention;
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
    protected void repeat() {
        prune();
    }
}
