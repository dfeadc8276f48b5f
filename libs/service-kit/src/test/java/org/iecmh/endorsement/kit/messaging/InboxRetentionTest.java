package org.iecmh.endorsement.kit.messaging;

import org.iecmh.endorsement.kit.sample.SampleApplication;
import org.iecmh.endorsement.testkit.WithRealInfrastructure;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;

import static org.assertj.core.api.Assertions.assertThat;

/** The inbox forgets handled ids after its retention, on the real PostgreSQL server. */
@SpringBootTest(classes = SampleApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@WithRealInfrastructure
class InboxRetentionTest {

    /** Long before anything other tests receive, whatever their clocks say: their rows are all within retention. */
    private static final Instant NOW = Instant.parse("1990-06-01T12:00:00Z");

    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    Inbox inbox;

    @Test
    void idsReceivedBeforeTheRetentionAreDeletedInBatchesAndTheOthersKept(@Autowired InboxRetention scheduled) {
        assertThat(scheduled.isRunning()).isTrue();
        String consumer = "retention-" + System.nanoTime();
        received(consumer, "older", NOW.minus(Duration.ofDays(120)));
        received(consumer, "just-older", NOW.minus(Duration.ofDays(90)).minusSeconds(1));
        received(consumer, "within", NOW.minus(Duration.ofDays(90)).plusSeconds(1));
        jdbc.update("""
                INSERT INTO inbox (consumer, event_id, event_type, tenant_id, received_at)
                SELECT ?, 'bulk-' || i, 'sample', 'ma', ? FROM generate_series(1, ?) AS i""",
                consumer, Timestamp.from(NOW.minus(Duration.ofDays(200))), InboxRetention.BATCH + 10);
        long othersBefore = others(consumer);

        int pruned = new InboxRetention(jdbc, Clock.fixed(NOW, ZoneOffset.UTC), Duration.ofDays(90),
                Duration.ofHours(1)).prune();

        assertThat(pruned).isEqualTo(InboxRetention.BATCH + 12);
        assertThat(inbox.hasHandled(consumer, "older")).isFalse();
        assertThat(inbox.hasHandled(consumer, "just-older")).isFalse();
        assertThat(inbox.hasHandled(consumer, "within")).isTrue();
        assertThat(others(consumer)).isEqualTo(othersBefore);
    }

    private void received(String consumer, String eventId, Instant at) {
        jdbc.update("INSERT INTO inbox (consumer, event_id, event_type, tenant_id, received_at) VALUES (?, ?, ?, ?, ?)",
                consumer, eventId, "sample", "ma", Timestamp.from(at));
    }

    private long others(String consumer) {
        Long count = jdbc.queryForObject("SELECT count(*) FROM inbox WHERE consumer <> ?", Long.class, consumer);
        return count == null ? 0 : count;
    }
}
