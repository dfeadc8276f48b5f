package org.iecmh.endorsement.kit.audit;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;

/**
 * A connection for replaying many events into throw-away tables: a run of the same update statement is sent to the
 * server as one JDBC batch instead of one round trip each. Every other use of the connection (a query, another
 * statement) first sends what is pending, so the statements take effect in the order they were issued. An update
 * reports one row changed without asking the server; the read models replayed here never depend on that count.
 */
final class BatchingConnection implements InvocationHandler {

    private final Connection target;
    private final Map<String, PreparedStatement> prepared = new HashMap<>();
    private PreparedStatement pending;

    private BatchingConnection(Connection target) {
        this.target = target;
    }

    static Connection wrap(Connection target) {
        return (Connection) Proxy.newProxyInstance(BatchingConnection.class.getClassLoader(),
                new Class<?>[]{Connection.class}, new BatchingConnection(target));
    }

    /** Sends what is pending and closes the statements kept for reuse; the connection itself stays open. */
    static void finish(Connection connection) throws SQLException {
        BatchingConnection batching = (BatchingConnection) Proxy.getInvocationHandler(connection);
        batching.flush();
        for (PreparedStatement statement : batching.prepared.values()) {
            statement.close();
        }
        batching.prepared.clear();
    }

    @Override
    public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
        if (method.getName().equals("prepareStatement") && args.length == 1 && args[0] instanceof String sql) {
            PreparedStatement statement = prepared.get(sql);
            if (statement == null) {
                flush();
                statement = target.prepareStatement(sql);
                prepared.put(sql, statement);
            } else if (statement != pending) {
                flush();
            }
            return batched(statement);
        }
        flush();
        return forward(target, method, args);
    }

    private PreparedStatement batched(PreparedStatement statement) {
        return (PreparedStatement) Proxy.newProxyInstance(BatchingConnection.class.getClassLoader(),
                new Class<?>[]{PreparedStatement.class}, (proxy, method, args) -> switch (method.getName()) {
                    case "executeUpdate", "executeLargeUpdate" -> {
                        if (args != null && args.length > 0) {
                            flush();
                            yield forward(statement, method, args);
                        }
                        statement.addBatch();
                        pending = statement;
                        yield method.getName().equals("executeUpdate") ? (Object) 1 : (Object) 1L;
                    }
                    // Kept for the next use of the same SQL; closed by finish().
                    case "close" -> null;
                    case "isClosed" -> false;
                    case "setObject", "setString", "setInt", "setLong", "setTimestamp", "setDate", "setBytes",
                         "setBigDecimal", "setBoolean", "setNull", "setDouble", "setShort", "setFloat", "setTime",
                         "getConnection", "setQueryTimeout", "setFetchSize", "setMaxRows", "getWarnings",
                         "clearWarnings", "clearParameters", "getParameterMetaData" -> forward(statement, method, args);
                    default -> {
                        flush();
                        yield forward(statement, method, args);
                    }
                });
    }

    private void flush() throws SQLException {
        if (pending != null) {
            PreparedStatement sending = pending;
            pending = null;
            sending.executeBatch();
        }
    }

    private static Object forward(Object target, Method method, Object[] args) throws Throwable {
        try {
            return method.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }
}
