package org.iecmh.endorsement.kit.jdbc;

import org.springframework.jdbc.core.ArgumentPreparedStatementSetter;
import org.springframework.jdbc.core.ParameterDisposer;
import org.springframework.jdbc.core.PreparedStatementSetter;
import org.springframework.jdbc.core.SqlParameterValue;
import org.springframework.jdbc.core.SqlTypeValue;
import org.springframework.jdbc.core.StatementCreatorUtils;

import java.math.BigDecimal;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.util.Set;
import java.util.UUID;

/**
 * The arguments of a statement, bound as Spring's {@link ArgumentPreparedStatementSetter} binds them, with a shorter
 * way for the plain values that make up nearly all of them: a {@code String} by {@code setString}, a {@code byte[]} by
 * {@code setBytes}, a number, a boolean, a {@code java.sql} date or time or a {@code java.time} value by
 * {@code setObject}, exactly what Spring's own binding of an argument of unknown SQL type ends in for these classes.
 * Anything else (null, a {@link SqlParameterValue}, a Spring SQL value, a {@code java.util.Date}, a {@code Calendar})
 * goes through Spring's binding, and its cleanup after the statement, unchanged.
 * <p>
 * Why: on the way there Spring asks of each argument whether it is one of four of its interfaces, before binding it
 * and again when it cleans up; on this JDK an interface check of a class that does not implement it rewrites a cache
 * in that class, and threads binding arguments of the same few classes (String above all) at once keep rewriting it.
 * A replay's thread spent a tenth of its time in those checks.
 */
final class BoundArguments implements PreparedStatementSetter, ParameterDisposer {

    /** The classes bound by {@code setObject}, as Spring binds them when it does not know the SQL type. */
    private static final Set<Class<?>> BY_SET_OBJECT = Set.of(Integer.class, Long.class, Short.class, Byte.class,
            Boolean.class, Double.class, Float.class, BigDecimal.class, java.sql.Date.class, java.sql.Timestamp.class,
            java.sql.Time.class, LocalDate.class, LocalDateTime.class, OffsetDateTime.class, Instant.class,
            UUID.class);

    private final Object[] arguments;
    /** Whether an argument went through Spring's binding, which its cleanup must then see. */
    private boolean bySpring;

    BoundArguments(Object[] arguments) {
        this.arguments = arguments;
    }

    @Override
    public void setValues(PreparedStatement statement) throws SQLException {
        if (arguments == null) {
            return;
        }
        for (int i = 0; i < arguments.length; i++) {
            Object argument = arguments[i];
            Class<?> type = argument == null ? null : argument.getClass();
            if (type == String.class) {
                statement.setString(i + 1, (String) argument);
            } else if (type == byte[].class) {
                statement.setBytes(i + 1, (byte[]) argument);
            } else if (type != null && BY_SET_OBJECT.contains(type)) {
                statement.setObject(i + 1, argument);
            } else {
                bySpring = true;
                // As ArgumentPreparedStatementSetter binds each of its arguments.
                if (argument instanceof SqlParameterValue value) {
                    StatementCreatorUtils.setParameterValue(statement, i + 1, value, value.getValue());
                } else {
                    StatementCreatorUtils.setParameterValue(statement, i + 1, SqlTypeValue.TYPE_UNKNOWN, argument);
                }
            }
        }
    }

    @Override
    public void cleanupParameters() {
        if (bySpring) {
            StatementCreatorUtils.cleanupParameters(arguments);
        }
    }
}
