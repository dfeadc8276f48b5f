package org.iecmh.endorsement.kit.eventstore;

import org.axonframework.common.stream.BlockingStream;
import org.axonframework.eventhandling.AnnotationEventHandlerAdapter;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.iecmh.endorsement.kit.readmodel.ReadModel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.ConnectionHolder;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

import javax.sql.DataSource;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.LongConsumer;

/**
 * Rebuilds read models that subscribing processors keep: empties their tables and hands every stored event, oldest
 * first, to their handlers, in one transaction. The tables stay locked meanwhile (on every instance, since the lock
 * is PostgreSQL's), so commands that would update them wait and then apply on top of the rebuilt rows, and readers
 * see the old rows until the new ones are committed. (One transaction per page of events would let a command's
 * subscribing handlers write between pages, and the rebuild then apply the same events a second time.)
 * <p>
 * The handlers' writes are held back and sent in batches ({@link HeldBackWrites}): consecutive INSERTs, UPDATEs or
 * DELETEs of the same SQL go to the database together, in order, and everything held back is sent before any other
 * statement (a handler's query, the next page of events) and every {@value #PROGRESS_EVERY} events. While a rebuild
 * runs, a projection's {@code update} therefore answers 1 whatever it changed: projections must not decide on the
 * count of rows an update changed.
 */
public class ReadModelRebuild {

    private static final Logger log = LoggerFactory.getLogger(ReadModelRebuild.class);
    static final int PROGRESS_EVERY = 500;

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
                    if (++replayed % PROGRESS_EVERY == 0) {
                        writes.flush();
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

    /**
     * Holds back the INSERT, UPDATE and DELETE statements run through Spring's JDBC support in the current
     * transaction, and sends consecutive ones of the same SQL as one JDBC batch. Any other use of the connection sends
     * what is held back first, so the database sees every statement in the order it was run. Works by binding, for
     * the transaction's DataSource, a connection that wraps the transaction's own; closing puts the own one back.
     */
    static final class HeldBackWrites implements AutoCloseable {

        private static final int MOST_HELD_BACK = 1000;
        private static final Set<String> HARMLESS = Set.of("equals", "hashCode", "toString", "isClosed", "unwrap",
                "isWrapperFor", "getWarnings", "clearWarnings", "getAutoCommit", "getTransactionIsolation", "close");

        private final DataSource dataSource;
        private final ConnectionHolder own;
        private final Connection target;
        private final Map<String, PreparedStatement> prepared = new HashMap<>();
        private String heldBackSql;
        private int heldBack;

        private HeldBackWrites(DataSource dataSource, ConnectionHolder own) {
            this.dataSource = dataSource;
            this.own = own;
            this.target = own == null ? null : own.getConnection();
        }

        /** Holds back the writes of the transaction bound to this thread; does nothing outside of one. */
        static HeldBackWrites inThisTransaction(DataSource dataSource) {
            ConnectionHolder own = dataSource == null ? null
                    : (ConnectionHolder) TransactionSynchronizationManager.getResource(dataSource);
            HeldBackWrites writes = new HeldBackWrites(dataSource, own);
            if (own != null) {
                Connection wrapper = (Connection) Proxy.newProxyInstance(HeldBackWrites.class.getClassLoader(),
                        new Class<?>[]{Connection.class}, writes::onConnection);
                ConnectionHolder holder = new ConnectionHolder(wrapper, true);
                holder.setSynchronizedWithTransaction(true);
                TransactionSynchronizationManager.unbindResource(dataSource);
                TransactionSynchronizationManager.bindResource(dataSource, holder);
            }
            return writes;
        }

        /** Sends what is held back. */
        void flush() {
            if (heldBack == 0) {
                return;
            }
            try {
                prepared.get(heldBackSql).executeBatch();
            } catch (SQLException e) {
                SQLException cause = e.getNextException() != null ? e.getNextException() : e;
                throw new IllegalStateException("A batch of " + heldBack + " x " + heldBackSql + " failed", cause);
            } finally {
                heldBack = 0;
                heldBackSql = null;
            }
        }

        @Override
        public void close() {
            if (own == null) {
                return;
            }
            try {
                flush();
            } finally {
                TransactionSynchronizationManager.unbindResource(dataSource);
                TransactionSynchronizationManager.bindResource(dataSource, own);
                prepared.values().forEach(statement -> {
                    try {
                        statement.close();
                    } catch (SQLException e) {
                        log.debug("Could not close a rebuild statement", e);
                    }
                });
            }
        }

        private Object onConnection(Object proxy, Method method, Object[] args) throws Throwable {
            if (method.getName().equals("close")) {
                // The transaction manager closes the own connection when the transaction ends.
                return null;
            }
            if (method.getName().equals("prepareStatement") && args != null && args.length == 1
                    && isWrite((String) args[0])) {
                String sql = (String) args[0];
                PreparedStatement statement = prepared.get(sql);
                if (statement == null) {
                    statement = target.prepareStatement(sql);
                    prepared.put(sql, statement);
                }
                PreparedStatement real = statement;
                return Proxy.newProxyInstance(HeldBackWrites.class.getClassLoader(),
                        new Class<?>[]{PreparedStatement.class},
                        (statementProxy, call, callArgs) -> onWrite(proxy, sql, real, call, callArgs));
            }
            if (!HARMLESS.contains(method.getName())) {
                flush();
            }
            return invoke(target, method, args);
        }

        private Object onWrite(Object connection, String sql, PreparedStatement real, Method method, Object[] args)
                throws Throwable {
            switch (method.getName()) {
                case "executeUpdate", "execute", "executeLargeUpdate" -> {
                    if (args != null && args.length > 0) {
                        flush();
                        return invoke(real, method, args);
                    }
                    if (!sql.equals(heldBackSql)) {
                        flush();
                    }
                    real.addBatch();
                    heldBackSql = sql;
                    if (++heldBack >= MOST_HELD_BACK) {
                        flush();
                    }
                    return switch (method.getName()) {
                        case "execute" -> false;
                        case "executeLargeUpdate" -> 1L;
                        default -> 1;
                    };
                }
                case "close" -> {
                    // Kept for the next write of the same SQL; closed when the rebuild ends.
                    return null;
                }
                case "getUpdateCount" -> {
                    return 1;
                }
                case "getConnection" -> {
                    return connection;
                }
                case "getWarnings", "clearWarnings", "isClosed", "equals", "hashCode", "toString", "unwrap",
                     "isWrapperFor" -> {
                    return invoke(real, method, args);
                }
                default -> {
                    if (method.getName().startsWith("set") || method.getName().equals("clearParameters")) {
                        // Binds the next write's parameters; those held back were copied when they were added.
                        return invoke(real, method, args);
                    }
                    flush();
                    return invoke(real, method, args);
                }
            }
        }

        private static boolean isWrite(String sql) {
            String start = sql.stripLeading();
            int end = 0;
            while (end < start.length() && Character.isLetter(start.charAt(end))) {
                end++;
            }
            String verb = start.substring(0, end).toUpperCase(Locale.ROOT);
            return verb.equals("INSERT") || verb.equals("UPDATE") || verb.equals("DELETE");
        }

        private static Object invoke(Object target, Method method, Object[] args) throws Throwable {
            try {
                return method.invoke(target, args);
            } catch (InvocationTargetException e) {
                throw e.getCause();
            }
        }
    }
}
