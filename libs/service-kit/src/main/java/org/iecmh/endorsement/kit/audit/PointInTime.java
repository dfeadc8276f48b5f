package org.iecmh.endorsement.kit.audit;

import org.axonframework.eventhandling.DomainEventMessage;
import org.iecmh.endorsement.kit.readmodel.HeldBackWrites;
import org.iecmh.endorsement.kit.readmodel.LiveView;
import org.iecmh.endorsement.kit.readmodel.ProjectionHandlers;
import org.iecmh.endorsement.kit.readmodel.ReadModel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * An aggregate's state as it was after some of its events, rebuilt from its stream alone, never from the live read
 * model. The read model's tables have empty twins in the schema {@value #SCHEMA}; in one transaction, which is always
 * rolled back, that schema is put first on the search path, the stream is read, its events up to the point are handed
 * to the read model's own event handlers, and the view is read back by the same code that serves the live one: so the
 * past state has the live view's shape without a second rendering of it to keep in step.
 * <p>
 * The twins are ordinary (unlogged) tables that stay empty: every replay's rows leave with its rollback, and two
 * replays at once each see only their own. Nothing is created per replay (creating eight temporary tables cost about
 * 25 ms, ten times reading a 1,000-event stream) and nothing is left on a connection (a transaction-mode pooler hands
 * connections from one client to another): the search path is set for the transaction alone, by the statement that
 * also checks the twins. A twin is made again, under an advisory lock, when it is missing or its columns no longer
 * match its live table's, and the replay starts over. The handlers' updates reach the server in batches
 * ({@link HeldBackWrites}), sent by a thread of their own every {@value #SEND_EVERY} events while the next are
 * replayed, so a long stream replays at about the pace of its reading rather than one round trip per event. Only
 * what the view reads has to reach the server at all: the view is read while the writes are still held back, each of
 * its queries sends those of the tables it reads first, and the rest is dropped with the rollback. Which tables those
 * are is learnt from the view's last reading; the writes to them are sent ahead while the replay goes on, the others
 * kept back (an application's view reads one row of {@code application_view}, not the thousand portfolio entries its
 * replay writes).
 */
public class PointInTime {

    /** Where the read models' empty twins live. */
    public static final String SCHEMA = "audit_replay";
    /** Events replayed before their writes are handed over to be sent. */
    static final int SEND_EVERY = 256;
    /** Streams shorter than this are decoded by the replay alone. */
    private static final int DECODE_AHEAD_FROM = 64;
    private static final Logger log = LoggerFactory.getLogger(PointInTime.class);
    /** Decode events ahead of replays: two at a time at most, and none when both are busy. */
    private static final ExecutorService DECODERS = new ThreadPoolExecutor(0, 2, 30, TimeUnit.SECONDS,
            new SynchronousQueue<>(), task -> {
                Thread thread = new Thread(task, "past-state-decoder");
                thread.setDaemon(true);
                return thread;
            }, new ThreadPoolExecutor.DiscardPolicy());

    /** The view after the {@code last} event replayed. */
    public record Past(DomainEventMessage<?> last, Optional<?> view) {
    }

    private final JdbcTemplate jdbc;
    private final TransactionTemplate transaction;
    private final TransactionTemplate setUp;
    /** Each read model's handlers, inspected once rather than on every replay. */
    private final Map<ReadModel, ProjectionHandlers> handlers = new ConcurrentHashMap<>();
    /**
     * Per kind, the tables its view read the last time: a replay sends the writes to those ahead, while it goes on,
     * and keeps the others' back, for the view's own reading to send if it reads them.
     */
    private final Map<String, Set<String>> viewReads = new ConcurrentHashMap<>();
    /** What the database said of the twins and of the handlers' statements, asked once. */
    private final HeldBackWrites.Catalog catalog = new HeldBackWrites.Catalog();
    /** The schema of the live tables, the role's first on its search path: it does not change while running. */
    private volatile String live;

    public PointInTime(JdbcTemplate jdbc, PlatformTransactionManager transactions) {
        this.jdbc = jdbc;
        this.transaction = new TransactionTemplate(transactions);
        this.transaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        this.setUp = new TransactionTemplate(transactions);
        this.setUp.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
    }

    /**
     * The view after the events of {@code stream} (one aggregate's, oldest first, read in the replay's transaction)
     * that {@code admitted} admits; nothing if it admits none.
     */
    public Optional<Past> replay(LiveView view, String aggregateId,
                                 Supplier<List<? extends DomainEventMessage<?>>> stream,
                                 Predicate<DomainEventMessage<?>> admitted) {
        List<String> tables = view.readModel().tables();
        String live = liveSchema();
        ProjectionHandlers projections = handlers.computeIfAbsent(view.readModel(),
                model -> new ProjectionHandlers(model.projections()));
        for (int attempt = 0; attempt < 2; attempt++) {
            Optional<Past> past = transaction.execute(status -> {
                status.setRollbackOnly();
                if (!Boolean.TRUE.equals(jdbc.queryForObject(
                        "SELECT set_config('search_path', ?, true) IS NOT NULL AND NOT EXISTS (" + UNMATCHED + ")",
                        Boolean.class, SCHEMA + ", " + live, tables.toArray(String[]::new), SCHEMA, live, SCHEMA))) {
                    return null;
                }
                try (HeldBackWrites writes = HeldBackWrites.inThisTransaction(jdbc.getDataSource(), catalog)) {
                    Set<String> read = viewReads.get(view.kind());
                    if (read != null) {
                        writes.sendAheadOnly(read);
                    }
                    DomainEventMessage<?> last = null;
                    int replayed = 0;
                    List<? extends DomainEventMessage<?>> events = stream.get();
                    AtomicBoolean replaying = new AtomicBoolean(true);
                    decodeAhead(events, admitted, projections, replaying);
                    try {
                        for (DomainEventMessage<?> event : events) {
                            if (!admitted.test(event)) {
                                continue;
                            }
                            last = event;
                            projections.handle(event);
                            if (++replayed % SEND_EVERY == 0) {
                                writes.sendInBackground();
                            }
                        }
                    } finally {
                        replaying.set(false);
                    }
                    if (last == null) {
                        return Optional.<Past>empty();
                    }
                    writes.forgetQueried();
                    Optional<?> found = view.find(aggregateId);
                    writes.tablesQueried().ifPresentOrElse(queried -> viewReads.put(view.kind(), queried),
                            () -> viewReads.remove(view.kind()));
                    // The transaction rolls back: what the view did not read need not reach the server.
                    writes.discard();
                    return Optional.of(new Past(last, found));
                }
            });
            if (past != null) {
                return past;
            }
            makeTwins(tables, live);
        }
        throw new IllegalStateException("The twins of " + tables + " in " + SCHEMA + " do not match their tables");
    }

    /**
     * Decodes the payloads of the events the replay admits and hands to a handler, in their order, on a thread of its
     * own while the replay goes on: decoding is a fifth of a replay's work, and the replay then mostly finds it done
     * (an event decoded by both is decoded twice, to the same value). Nothing is decoded ahead of a short stream, or
     * when every decoder is busy; a failure to decode is left for the replay to meet and report.
     */
    private static void decodeAhead(List<? extends DomainEventMessage<?>> events,
                                    Predicate<DomainEventMessage<?>> admitted, ProjectionHandlers projections,
                                    AtomicBoolean replaying) {
        if (events.size() < DECODE_AHEAD_FROM) {
            return;
        }
        DECODERS.execute(() -> {
            try {
                for (DomainEventMessage<?> event : events) {
                    if (!replaying.get()) {
                        return;
                    }
                    if (admitted.test(event) && !projections.of(event).isEmpty()) {
                        event.getPayload();
                    }
                }
            } catch (RuntimeException e) {
                log.debug("Decoding ahead of a replay stopped; the replay decodes the rest itself", e);
            }
        });
    }

    private String liveSchema() {
        String schema = live;
        if (schema == null) {
            schema = jdbc.queryForObject("SELECT current_schema()", String.class);
            live = schema;
        }
        return schema;
    }

    /**
     * The tables whose twin is missing, or has other columns than the live table. Its parameters: the tables, the
     * twins' schema, the live tables' schema and the twins' schema again.
     */
    private static final String UNMATCHED = """
            SELECT t FROM unnest(?::text[]) AS t
            WHERE to_regclass(quote_ident(?) || '.' || quote_ident(t)) IS NULL
               OR (SELECT array_agg(a.attname || ' ' || format_type(a.atttypid, a.atttypmod) || ' ' || a.attnotnull
                                    ORDER BY a.attnum)
                   FROM pg_attribute a
                   WHERE a.attrelid = to_regclass(quote_ident(?) || '.' || quote_ident(t))
                     AND a.attnum > 0 AND NOT a.attisdropped)
                  IS DISTINCT FROM
                  (SELECT array_agg(a.attname || ' ' || format_type(a.atttypid, a.atttypmod) || ' ' || a.attnotnull
                                    ORDER BY a.attnum)
                   FROM pg_attribute a
                   WHERE a.attrelid = to_regclass(quote_ident(?) || '.' || quote_ident(t))
                     AND a.attnum > 0 AND NOT a.attisdropped)""";

    /** The tables whose twin is missing, or has other columns than the live table in {@code live}. */
    private List<String> unmatched(List<String> tables, String live) {
        return jdbc.queryForList(UNMATCHED, String.class, tables.toArray(String[]::new), SCHEMA, live, SCHEMA);
    }

    /** Makes the missing or outdated twins, one instance at a time. */
    private void makeTwins(List<String> tables, String live) {
        setUp.executeWithoutResult(status -> {
            jdbc.queryForObject("SELECT 1 FROM (SELECT pg_advisory_xact_lock(hashtext(?))) AS locked", Integer.class,
                    SCHEMA);
            jdbc.execute("CREATE SCHEMA IF NOT EXISTS " + SCHEMA);
            for (String table : unmatched(tables, live)) {
                jdbc.execute("DROP TABLE IF EXISTS " + SCHEMA + "." + table);
                jdbc.execute("CREATE UNLOGGED TABLE " + SCHEMA + "." + table + " (LIKE " + live + "." + table
                        + " INCLUDING ALL)");
            }
        });
    }
}
