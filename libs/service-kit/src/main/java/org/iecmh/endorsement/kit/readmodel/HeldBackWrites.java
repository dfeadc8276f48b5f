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
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Holds back the INSERT, UPDATE and DELETE statements run through Spring's JDBC support in the current transaction,
 * and sends consecutive ones of the same SQL as one JDBC batch: for replaying many events into read-model tables (a
 * rebuild, an audit's past state) at the pace of reading them rather than a round trip per statement. Any other use
 * of the connection sends what is held back first, so the database sees every statement in the order it was run.
 * Works by binding, for the transaction's DataSource, a connection that wraps the transaction's own; closing puts
 * the own one back. While it is open, an update answers 1 whatever it changed: projections must not decide on the
 * count of rows an update changed.
 */
public final class HeldBackWrites implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(HeldBackWrites.class);

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
    public static HeldBackWrites inThisTransaction(DataSource dataSource) {
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
    public void flush() {
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
                    log.debug("Could not close a held-back statement", e);
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
