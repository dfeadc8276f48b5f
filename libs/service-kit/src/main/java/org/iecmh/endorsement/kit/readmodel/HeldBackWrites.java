package org.iecmh.endorsement.kit.readmodel;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.datasource.ConnectionHolder;
import org.springframework.transaction.support.TransactionSynchronizationManager;

import javax.sql.DataSource;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Holds back the INSERT, UPDATE and DELETE statements run through Spring's JDBC support in the current transaction,
 * and sends those of the same SQL as one JDBC batch: for replaying many events into read-model tables (a rebuild, an
 * audit's past state) at the pace of reading them rather than a round trip per statement.
 * <p>
 * Writes are held back per table, each table's in the order they were run. A projection that writes two tables for
 * one event (a row here, a row there) therefore still sends two batches for a thousand events, not two thousand
 * statements: writes to two different tables commute. They do not when a statement reads another table (a
 * {@code SELECT} inside it, {@code UPDATE ... FROM}, {@code DELETE ... USING}) or when a table has foreign keys or
 * triggers; such a write sends everything held back first and is sent at once. Within one table, a statement whose
 * SQL was held back earlier, behind another SQL, sends that table's batches first, so each table sees its writes in
 * their order. Any other use of the connection (a query, DDL) sends everything held back first.
 * <p>
 * Works by binding, for the transaction's DataSource, a connection that wraps the transaction's own; closing puts the
 * own one back. While it is open, a held-back update answers 1 whatever it changed: projections must not decide on
 * the count of rows an update changed.
 */
public final class HeldBackWrites implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(HeldBackWrites.class);

    private static final int MOST_HELD_BACK = 1000;
    private static final Set<String> HARMLESS = Set.of("equals", "hashCode", "toString", "isClosed", "unwrap",
            "isWrapperFor", "getWarnings", "clearWarnings", "getAutoCommit", "getTransactionIsolation", "close");
    /** The verb and the table a write names: {@code INSERT INTO t}, {@code UPDATE t}, {@code DELETE FROM t}. */
    private static final Pattern WRITE = Pattern.compile(
            "^\\s*(INSERT\\s+INTO|UPDATE|DELETE\\s+FROM)\\s+(?:ONLY\\s+)?([A-Za-z_][A-Za-z0-9_.]*)",
            Pattern.CASE_INSENSITIVE);
    /** What in a write reads other tables than its own. */
    private static final Pattern READS_ELSEWHERE = Pattern.compile("\\b(SELECT|FROM|USING)\\b",
            Pattern.CASE_INSENSITIVE);

    private final DataSource dataSource;
    private final ConnectionHolder own;
    private final Connection target;
    private final Map<String, PreparedStatement> prepared = new HashMap<>();
    /** Per SQL: the table its writes are held back for, or null if they are sent at once. */
    private final Map<String, String> tableOf = new HashMap<>();
    /** Per table whose independence is known: whether its writes may be held back. */
    private final Map<String, Boolean> independent;
    /** Per table, in the order tables were first written: the SQL held back for it, each in the order first run. */
    private final Map<String, List<String>> heldBack = new LinkedHashMap<>();
    private final Map<String, Integer> rows = new HashMap<>();
    private int heldBackRows;
    private long batchesSent;

    private HeldBackWrites(DataSource dataSource, ConnectionHolder own, Map<String, Boolean> independent) {
        this.dataSource = dataSource;
        this.own = own;
        this.independent = independent;
        this.target = own == null ? null : own.getConnection();
    }

    /** Holds back the writes of the transaction bound to this thread; does nothing outside of one. */
    public static HeldBackWrites inThisTransaction(DataSource dataSource) {
        return inThisTransaction(dataSource, new HashMap<>());
    }

    /**
     * As {@link #inThisTransaction(DataSource)}, with what is known of the tables' independence kept in
     * {@code independence} (thread-safe) by a caller that writes the same tables again and again, so that each is
     * looked up in the catalog once rather than once per transaction.
     */
    public static HeldBackWrites inThisTransaction(DataSource dataSource, Map<String, Boolean> independence) {
        ConnectionHolder own = dataSource == null ? null
                : (ConnectionHolder) TransactionSynchronizationManager.getResource(dataSource);
        HeldBackWrites writes = new HeldBackWrites(dataSource, own, independence);
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

    /** Sends everything held back, table by table, each table's batches in their order. */
    public void flush() {
        if (heldBackRows == 0) {
            return;
        }
        try {
            for (List<String> statements : heldBack.values()) {
                for (String sql : statements) {
                    send(sql);
                }
            }
        } finally {
            heldBack.clear();
            rows.clear();
            heldBackRows = 0;
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
                    log.debug("Could not close a held-back statement", e);
                }
            });
        }
    }

    /** How many batches were sent so far: what a replay cost in round trips for its writes. */
    public long batchesSent() {
        return batchesSent;
    }

    private void send(String sql) {
        try {
            batchesSent++;
            prepared.get(sql).executeBatch();
        } catch (SQLException e) {
            SQLException cause = e.getNextException() != null ? e.getNextException() : e;
            throw new IllegalStateException("A batch of " + rows.get(sql) + " x " + sql + " failed", cause);
        }
    }

    /** Sends what is held back for one table, in order. */
    private void flush(String table) {
        List<String> statements = heldBack.remove(table);
        if (statements == null) {
            return;
        }
        for (String sql : statements) {
            try {
                send(sql);
            } finally {
                heldBackRows -= rows.remove(sql);
            }
        }
    }

    private Object onConnection(Object proxy, Method method, Object[] args) throws Throwable {
        if (method.getName().equals("close")) {
            // The transaction manager closes the own connection when the transaction ends.
            return null;
        }
        if (method.getName().equals("prepareStatement") && args != null && args.length == 1
                && args[0] instanceof String sql && isWrite(sql)) {
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
                String table = args == null || args.length == 0 ? heldBackTable(sql) : null;
                if (table == null) {
                    flush();
                    return invoke(real, method, args);
                }
                List<String> statements = heldBack.computeIfAbsent(table, t -> new ArrayList<>());
                if (!statements.isEmpty() && !statements.get(statements.size() - 1).equals(sql)
                        && statements.contains(sql)) {
                    // This SQL is held back behind another of the same table: those go first, in their order.
                    flush(table);
                    statements = heldBack.computeIfAbsent(table, t -> new ArrayList<>());
                }
                if (statements.isEmpty() || !statements.get(statements.size() - 1).equals(sql)) {
                    statements.add(sql);
                }
                real.addBatch();
                rows.merge(sql, 1, Integer::sum);
                if (++heldBackRows >= MOST_HELD_BACK) {
                    flush();
                }
                return switch (method.getName()) {
                    case "execute" -> false;
                    case "executeLargeUpdate" -> 1L;
                    default -> 1;
                };
            }
            case "close" -> {
                // Kept for the next write of the same SQL; closed with this.
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

    /**
     * The table whose writes {@code sql} joins when held back, or null when it must be sent at once: it reads other
     * tables, or its table has foreign keys or triggers.
     */
    private String heldBackTable(String sql) {
        if (tableOf.containsKey(sql)) {
            return tableOf.get(sql);
        }
        Matcher write = WRITE.matcher(sql);
        String table = null;
        if (write.find() && !READS_ELSEWHERE.matcher(sql.substring(write.end())).find()) {
            String named = write.group(2).toLowerCase(Locale.ROOT);
            if (independent.computeIfAbsent(named, this::standsAlone)) {
                table = named;
            }
        }
        tableOf.put(sql, table);
        return table;
    }

    /** Whether nothing but its own statements acts on the table: no foreign key from or to it, no trigger on it. */
    private boolean standsAlone(String table) {
        try (PreparedStatement query = target.prepareStatement("""
                SELECT NOT EXISTS (SELECT 1 FROM pg_constraint
                                   WHERE contype = 'f' AND (conrelid = to_regclass(?) OR confrelid = to_regclass(?)))
                   AND NOT EXISTS (SELECT 1 FROM pg_trigger WHERE tgrelid = to_regclass(?) AND NOT tgisinternal)
                   AND to_regclass(?) IS NOT NULL""")) {
            for (int i = 1; i <= 4; i++) {
                query.setString(i, table);
            }
            try (ResultSet answer = query.executeQuery()) {
                return answer.next() && answer.getBoolean(1);
            }
        } catch (SQLException e) {
            log.debug("Could not tell whether {} stands alone; its writes are sent at once", table, e);
            return false;
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
