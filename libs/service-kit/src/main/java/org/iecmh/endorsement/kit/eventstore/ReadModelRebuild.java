package org.iecmh.endorsement.kit.eventstore;

import org.axonframework.common.stream.BlockingStream;
import org.axonframework.eventhandling.AnnotationEventHandlerAdapter;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.iecmh.endorsement.kit.readmodel.HeldBackWrites;
import org.iecmh.endorsement.kit.readmodel.ReadModel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.LongConsumer;

/**
 * Rebuilds read models that subscribing processors keep: empties their tables and hands every stored event, oldest
 * first, to their handlers, in one transaction. The tables stay locked meanwhile (on every instance, since the lock
 * is PostgreSQL's), so commands that would update them wait and then apply on top of the rebuilt rows, and readers
 * see the old rows until the new ones are committed. (One transaction per page of events would let a command's
 * subscribing handlers write between pages, and the rebuild then apply the same events a second time.)
 * <p>
 * The handlers' writes are held back and sent in batches ({@link HeldBackWrites}): the INSERTs, UPDATEs or DELETEs
 * of one SQL go to the database together, each table's in order, and everything held back is sent before any other
 * statement (a handler's query, the next page of events). While a rebuild runs, a projection's {@code update}
 * therefore answers 1 whatever it changed: projections must not decide on the count of rows an update changed.
 * Progress is told at most four times a second (each report is a transaction of its own), not per page of events.
 */
public class ReadModelRebuild {

    private static final Logger log = LoggerFactory.getLogger(ReadModelRebuild.class);
    static final int PROGRESS_EVERY = 1000;
    private static final long PROGRESS_MILLIS = 250;

    /** How many events were replayed, and how long it took. */
    public record Result(long events, Duration took) {
    }

    private final EventStore eventStore;
    private final JdbcTemplate jdbc;
    private final TransactionTemplate transaction;

    public ReadModelRebuild(EventStore eventStore, JdbcTemplate jdbc, TransactionTemplate transaction) {
        this.eventStore = eventStore;
        this.jdbc = jdbc;
        this.transaction = transaction;
    }

    /** Empties {@code tables} and replays the whole event store into {@code projections}. */
    public Result rebuild(List<String> tables, List<Object> projections) {
        return rebuild(new ReadModel(String.join(",", tables), tables, projections), processed -> {
        });
    }

    /** How many events the store holds: what a rebuild will replay. */
    public long head() {
        Long count = jdbc.queryForObject("SELECT count(*) FROM domain_event_entry", Long.class);
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
        List<AnnotationEventHandlerAdapter> handlers = model.projections().stream()
                .map(AnnotationEventHandlerAdapter::new).toList();
        long started = System.nanoTime();
        Long events = transaction.execute(status -> {
            String names = String.join(", ", model.tables());
            jdbc.execute("LOCK TABLE " + names + " IN ACCESS EXCLUSIVE MODE");
            jdbc.execute("TRUNCATE " + names);
            long replayed = 0;
            long told = System.nanoTime();
            TrackingToken last = null;
            try (BlockingStream<TrackedEventMessage<?>> stream = eventStore.openStream(null);
                 HeldBackWrites writes = HeldBackWrites.inThisTransaction(jdbc.getDataSource())) {
                while (stream.hasNextAvailable()) {
                    TrackedEventMessage<?> event = stream.nextAvailable();
                    last = event.trackingToken();
                    for (AnnotationEventHandlerAdapter handler : handlers) {
                        if (handler.canHandle(event)) {
                            DefaultUnitOfWork.startAndGet(event).execute(() -> handle(handler, event));
                        }
                    }
                    if (++replayed % PROGRESS_EVERY == 0 && System.nanoTime() - told > PROGRESS_MILLIS * 1_000_000) {
                        told = System.nanoTime();
                        progress.accept(replayed);
                        log.info("Rebuilding {}: {} events replayed", model.name(), replayed);
                    }
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("Interrupted while rebuilding " + names, e);
            }
            beforeCommit.accept(last);
            return replayed;
        });
        Result result = new Result(events == null ? 0 : events, Duration.ofNanos(System.nanoTime() - started));
        progress.accept(result.events());
        log.info("Rebuilt {} from {} events in {} ms", model.name(), result.events(), result.took().toMillis());
        return result;
    }

    private static void handle(AnnotationEventHandlerAdapter handler, TrackedEventMessage<?> event) {
        try {
            handler.handle(event);
        } catch (Exception e) {
            throw new IllegalStateException("Replaying " + event.getIdentifier() + " failed", e);
        }
    }
}
