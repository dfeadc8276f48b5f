package org.iecmh.endorsement.kit.audit;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import org.axonframework.eventhandling.AnnotationEventHandlerAdapter;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.iecmh.endorsement.kit.readmodel.HeldBackWrites;
import org.iecmh.endorsement.kit.readmodel.LiveView;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.ConnectionHolder;
import org.springframework.transaction.support.TransactionSynchronizationManager;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * An aggregate's state as it was after some of its events, rebuilt from its stream alone, never from the live read
 * model. The read model's tables are shadowed by temporary tables of the same shape (PostgreSQL looks up
 * {@code pg_temp} first), the stream's events up to the point are handed to the read model's own event handlers, and
 * the view is read back by the same code that serves the live one: so the past state has the live view's shape
 * without a second rendering of it to keep in step. The replay's transaction is always rolled back.
 * <p>
 * Replays run on sessions of their own ({@value #SESSIONS} at most, closed after ten idle minutes), never on the
 * service's pool: a session keeps its temporary tables ({@code ON COMMIT DELETE ROWS}) from one replay to the next,
 * so that a replay does not pay for creating eight tables (about 25 ms, ten times reading a 1,000-event stream),
 * and a temporary table that shadows a live one must never be seen by anything else. Each replay checks, in its own
 * transaction, that its session has every table (a session of a transaction-mode connection pooler may not), and
 * creates those missing for that transaction alone. The handlers' updates reach the server in batches
 * ({@link HeldBackWrites}), so a long stream replays at the pace of its reading rather than one round trip per event.
 */
public class PointInTime implements AutoCloseable {

    static final int SESSIONS = 2;

    private final DataSource serviceDataSource;
    private final HikariDataSource sessions;
    /** Each projection's handlers, inspected once rather than on every replay. */
    private final Map<Object, AnnotationEventHandlerAdapter> handlers = new ConcurrentHashMap<>();

    /**
     * Replays for the service whose JDBC calls go through {@code jdbc}, on sessions opened as the service's pool
     * ({@code sessionsLike}) opens its connections.
     */
    public PointInTime(JdbcTemplate jdbc, HikariConfig sessionsLike) {
        this.serviceDataSource = jdbc.getDataSource();
        HikariConfig config = new HikariConfig();
        sessionsLike.copyStateTo(config);
        config.setPoolName("point-in-time");
        config.setMaximumPoolSize(SESSIONS);
        config.setMinimumIdle(0);
        config.setIdleTimeout(Duration.ofMinutes(10).toMillis());
        config.setAutoCommit(true);
        config.setReadOnly(false);
        config.setConnectionInitSql(null);
        config.setMetricRegistry(null);
        config.setMetricsTrackerFactory(null);
        config.setHealthCheckRegistry(null);
        this.sessions = new HikariDataSource(config);
    }

    /** The view after {@code events} (one aggregate's, oldest first), or nothing if they make none. */
    public Optional<?> replay(LiveView view, String aggregateId, List<? extends DomainEventMessage<?>> events) {
        List<String> tables = view.readModel().tables();
        try (Connection session = sessions.getConnection()) {
            keepTables(session, tables);
            session.setAutoCommit(false);
            try {
                shadowMissing(session, tables, "ON COMMIT DROP");
                return replayOn(session, view, aggregateId, events);
            } finally {
                session.rollback();
                session.setAutoCommit(true);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Could not replay " + aggregateId, e);
        }
    }

    /** Gives the session every table it lacks, for as long as it lasts. */
    private static void keepTables(Connection session, List<String> tables) throws SQLException {
        if (!missing(session, tables).isEmpty()) {
            shadowMissing(session, tables, "ON COMMIT DELETE ROWS");
        }
    }

    private static void shadowMissing(Connection session, List<String> tables, String onCommit) throws SQLException {
        Set<String> missing = missing(session, tables);
        if (missing.isEmpty()) {
            return;
        }
        String schema;
        try (Statement sql = session.createStatement(); ResultSet current = sql.executeQuery("SELECT current_schema()")) {
            current.next();
            schema = current.getString(1);
        }
        try (Statement sql = session.createStatement()) {
            for (String table : missing) {
                sql.execute("CREATE TEMPORARY TABLE " + table + " (LIKE " + schema + "." + table + " INCLUDING ALL) "
                        + onCommit);
            }
        }
    }

    private static Set<String> missing(Connection session, List<String> tables) throws SQLException {
        Set<String> missing = new HashSet<>(tables);
        try (PreparedStatement query = session.prepareStatement(
                "SELECT relname FROM pg_class WHERE relnamespace = pg_my_temp_schema() AND relname = ANY(?)")) {
            query.setArray(1, session.createArrayOf("text", tables.toArray()));
            try (ResultSet found = query.executeQuery()) {
                while (found.next()) {
                    missing.remove(found.getString(1));
                }
            }
        }
        return missing;
    }

    /**
     * Replays with {@code session} standing for the service's DataSource on this thread, so that the handlers' and
     * the view's JDBC calls reach the session's temporary tables.
     */
    private Optional<?> replayOn(Connection session, LiveView view, String aggregateId,
                                 List<? extends DomainEventMessage<?>> events) {
        Object outer = TransactionSynchronizationManager.hasResource(serviceDataSource)
                ? TransactionSynchronizationManager.unbindResource(serviceDataSource) : null;
        ConnectionHolder holder = new ConnectionHolder(session, false);
        holder.setSynchronizedWithTransaction(true);
        TransactionSynchronizationManager.bindResource(serviceDataSource, holder);
        try {
            List<AnnotationEventHandlerAdapter> handlers = view.readModel().projections().stream()
                    .map(projection -> this.handlers.computeIfAbsent(projection, AnnotationEventHandlerAdapter::new))
                    .toList();
            try (HeldBackWrites writes = HeldBackWrites.inThisTransaction(serviceDataSource)) {
                for (DomainEventMessage<?> event : events) {
                    for (AnnotationEventHandlerAdapter handler : handlers) {
                        if (handler.canHandle(event)) {
                            DefaultUnitOfWork.startAndGet(event).execute(() -> handle(handler, event));
                        }
                    }
                }
            }
            return view.find(aggregateId);
        } finally {
            TransactionSynchronizationManager.unbindResource(serviceDataSource);
            if (outer != null) {
                TransactionSynchronizationManager.bindResource(serviceDataSource, outer);
            }
        }
    }

    private static void handle(AnnotationEventHandlerAdapter handler, DomainEventMessage<?> event) {
        try {
            handler.handle(event);
        } catch (Exception e) {
            throw new IllegalStateException("Replaying " + event.getIdentifier() + " failed", e);
        }
    }

    @Override
    public void close() {
        sessions.close();
    }
}
