package org.iecmh.endorsement.kit.eventstore;

import org.axonframework.eventhandling.EventUtils;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventhandling.TrackedDomainEventData;
import org.axonframework.eventhandling.TrackedEventData;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.eventstore.jdbc.EventSchema;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.upcasting.event.EventUpcaster;
import org.iecmh.endorsement.kit.readmodel.HeldBackWrites;
import org.iecmh.endorsement.kit.readmodel.ProjectionHandlers;
import org.iecmh.endorsement.kit.readmodel.ReadModel;
import org.iecmh.endorsement.kit.readmodel.SecondaryIndexes;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;
import java.util.function.LongConsumer;

/**
 * Rebuilds read models that subscribing processors keep: empties their tables and hands every stored event, oldest
 * first, to their handlers, in one transaction. The tables stay locked meanwhile (on every instance, since the lock
 * is PostgreSQL's), so commands that would update them wait and then apply on top of the rebuilt rows, and readers
 * see the old rows until the new ones are committed. (One transaction per page of events would let a command's
 * subscribing handlers write between pages, and the rebuild then apply the same events a second time.)
 * <p>
 * The store is read a page at a time, in the order of its global index, on the transaction's connection, and each
 * event is upcast and deserialized as Axon's own stream would. The handlers' writes are held back and sent in batches
 * ({@link HeldBackWrites}): the INSERTs, UPDATEs or DELETEs of one SQL go to the database together, each table's in
 * order, and everything held back is sent before any other statement (a handler's query). A page's writes are sent
 * by a thread of their own while the next page is replayed, so that the database writes one page while this reads
 * the next; the next page is read once they are sent. While a rebuild runs, a projection's {@code update} therefore
 * answers 1 whatever it changed: projections must not decide on the count of rows an update changed. Progress is
 * told at most four times a second (each report is a transaction of its own).
 */
public class ReadModelRebuild {

    private static final Logger log = LoggerFactory.getLogger(ReadModelRebuild.class);
    /** Events read per query. */
    static final int PAGE = 1000;
    /**
     * Writes held back before they are sent unasked: more than a page's events write (two rows each for an
     * endorsee), so that they are handed over once per page, after the next page is read.
     */
    private static final int HELD_BACK = 16 * PAGE;
    private static final long PROGRESS_NANOS = Duration.ofMillis(250).toNanos();
    /**
     * Positions left empty in the global index that a tracking processor goes back to, as Axon's JDBC engine keeps
     * them with its defaults: those at most this far behind the newest event, before an event younger than
     * {@link #GAP_TIMEOUT} (a transaction still open may fill them).
     */
    private static final int MAX_GAP_OFFSET = 10_000;
    private static final Duration GAP_TIMEOUT = Duration.ofMinutes(1);

    /** How many events were replayed, and how long it took. */
    public record Result(long events, Duration took) {
    }

    private final JdbcTemplate jdbc;
    private final TransactionTemplate transaction;
    private final EventSchema schema;
    private final Serializer serializer;
    private final EventUpcaster upcasters;

    public ReadModelRebuild(JdbcTemplate jdbc, TransactionTemplate transaction, EventSchema schema,
                            Serializer serializer, EventUpcaster upcasters) {
        this.jdbc = jdbc;
        this.transaction = transaction;
        this.schema = schema;
        this.serializer = serializer;
        this.upcasters = upcasters;
    }

    /** Empties {@code tables} and replays the whole event store into {@code projections}. */
    public Result rebuild(List<String> tables, List<Object> projections) {
        return rebuild(new ReadModel(String.join(",", tables), tables, projections), processed -> {
        });
    }

    /** How many events the store holds: what a rebuild will replay. */
    public long head() {
        Long count = jdbc.queryForObject("SELECT count(*) FROM " + schema.domainEventTable(), Long.class);
        return count == null ? 0 : count;
    }

    /** Empties the read model's tables and replays the whole event store into it, telling {@code progress}. */
    public Result rebuild(ReadModel model, LongConsumer progress) {
        return rebuild(model, progress, last -> {
        });
    }

    /**
     * As {@link #rebuild(ReadModel, LongConsumer)}, and hands {@code beforeCommit} the position of the last event
     * replayed (null if none), in the rebuild's transaction: where a tracking processor is to go on from.
     */
    public Result rebuild(ReadModel model, LongConsumer progress, Consumer<TrackingToken> beforeCommit) {
        ProjectionHandlers handlers = new ProjectionHandlers(model.projections());
        long started = System.nanoTime();
        Long events = transaction.execute(status -> {
            String names = String.join(", ", model.tables());
            jdbc.execute("LOCK TABLE " + names + " IN ACCESS EXCLUSIVE MODE");
            jdbc.execute("TRUNCATE " + names);
            // Built again, under the same names, before the rebuild commits; nobody sees them missing: the tables are
            // locked until then, and a failed rebuild rolls the drop back.
            List<String> secondaryIndexes = SecondaryIndexes.drop(jdbc, model.tables());
            // Axon's clock, as its engine judges gaps by it (the service's clock: see ClockAutoConfiguration).
            Position position = new Position(GenericEventMessage.clock.instant().minus(GAP_TIMEOUT));
            long replayed = 0;
            long told = System.nanoTime();
            try (HeldBackWrites writes = HeldBackWrites.inThisTransaction(jdbc.getDataSource())) {
                writes.holdUpTo(HELD_BACK);
                List<TrackedEventData<?>> page = writes.read(connection -> page(connection, position));
                while (!page.isEmpty()) {
                    Iterator<TrackedEventMessage<?>> messages = EventUtils.upcastAndDeserializeTrackedEvents(
                            page.stream(), serializer, upcasters).iterator();
                    while (messages.hasNext()) {
                        handlers.handle(messages.next());
                        replayed++;
                    }
                    if (System.nanoTime() - told > PROGRESS_NANOS) {
                        told = System.nanoTime();
                        progress.accept(replayed);
                        log.info("Rebuilding {}: {} events replayed", model.name(), replayed);
                    }
                    // The next page is read before this one's writes are handed over, so that they are sent while
                    // it is replayed.
                    List<TrackedEventData<?>> next = writes.read(connection -> page(connection, position));
                    writes.sendInBackground();
                    page = next;
                }
            }
            secondaryIndexes.forEach(jdbc::execute);
            beforeCommit.accept(position.token());
            return replayed;
        });
        Result result = new Result(events == null ? 0 : events, Duration.ofNanos(System.nanoTime() - started));
        progress.accept(result.events());
        log.info("Rebuilt {} from {} events in {} ms", model.name(), result.events(), result.took().toMillis());
        return result;
    }

    /** The events after {@code position}, at most a page, oldest first; moves {@code position} past them. */
    private List<TrackedEventData<?>> page(Connection connection, Position position) {
        String sql = "SELECT " + String.join(", ", schema.globalIndexColumn(), schema.typeColumn(),
                schema.aggregateIdentifierColumn(), schema.sequenceNumberColumn(), schema.eventIdentifierColumn(),
                schema.timestampColumn(), schema.payloadTypeColumn(), schema.payloadRevisionColumn(),
                schema.payloadColumn(), schema.metaDataColumn())
                + " FROM " + schema.domainEventTable() + " WHERE " + schema.globalIndexColumn() + " > ?"
                + " ORDER BY " + schema.globalIndexColumn() + " LIMIT " + PAGE;
        List<TrackedEventData<?>> page = new ArrayList<>(PAGE);
        try (PreparedStatement query = connection.prepareStatement(sql)) {
            query.setLong(1, position.index);
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    String timestamp = rows.getString(6);
                    page.add(new TrackedDomainEventData<>(position.advanceTo(rows.getLong(1), timestamp),
                            new StoredDomainEvent<>(rows.getString(2), rows.getString(3), rows.getLong(4),
                                    rows.getString(5), timestamp, rows.getString(7), rows.getString(8),
                                    rows.getBytes(9), rows.getBytes(10))));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Reading the event store after " + position.index + " failed", e);
        }
        return page;
    }

    /**
     * Where the replay is in the global index, and the positions it found empty that a tracking processor must go
     * back to, as Axon's engine records them while it streams from the start.
     */
    private static final class Position {

        private final Instant gapsAfter;
        private final TreeSet<Long> gaps = new TreeSet<>();
        private long index = -1;

        Position(Instant gapsAfter) {
            this.gapsAfter = gapsAfter;
        }

        /** The event at {@code next}, stored at {@code timestamp}: its token, which its handlers may be given. */
        TrackingToken advanceTo(long next, String timestamp) {
            long from = index < 0 ? Math.min(1, next) : index + 1;
            if (next > from && StoredTimestamp.parse(timestamp).isAfter(gapsAfter)) {
                for (long empty = Math.max(from, next - MAX_GAP_OFFSET); empty < next; empty++) {
                    gaps.add(empty);
                }
            }
            index = next;
            gaps.headSet(next - MAX_GAP_OFFSET).clear();
            return new GapAwareTrackingToken(next, Set.of());
        }

        /** The token of the last event replayed, with the gaps before it; null when there was none. */
        TrackingToken token() {
            return index < 0 ? null : GapAwareTrackingToken.newInstance(index, gaps);
        }
    }
}
