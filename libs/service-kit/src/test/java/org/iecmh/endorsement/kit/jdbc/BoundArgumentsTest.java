package org.iecmh.endorsement.kit.jdbc;

import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.ArgumentPreparedStatementSetter;
import org.springframework.jdbc.core.ParameterDisposer;
import org.springframework.jdbc.core.PreparedStatementSetter;
import org.springframework.jdbc.core.SqlParameterValue;
import org.springframework.jdbc.support.SqlValue;

import java.lang.reflect.Proxy;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ParameterMetaData;
import java.sql.PreparedStatement;
import java.sql.Types;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Calendar;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The arguments a statement is bound with reach the driver exactly as Spring's own setter hands them over, whatever
 * their class: each setter binds the same arguments on a statement that records every call made to it.
 */
class BoundArgumentsTest {

    private enum Kind { TRAINING }

    @Test
    void everyArgumentReachesTheDriverAsSpringsOwnSetterHandsItOver() throws Exception {
        AtomicInteger cleanedUp = new AtomicInteger();
        SqlValue disposable = new SqlValue() {
            @Override
            public void setValue(PreparedStatement ps, int paramIndex) throws java.sql.SQLException {
                ps.setString(paramIndex, "from an SqlValue");
            }

            @Override
            public void cleanup() {
                cleanedUp.incrementAndGet();
            }
        };
        Object[] arguments = {"text", 42, 42L, (short) 4, (byte) 2, true, 1.5d, 2.5f, new BigDecimal("12.30"),
                java.sql.Date.valueOf("2026-12-03"), java.sql.Timestamp.from(Instant.parse("2026-12-03T10:15:30Z")),
                java.sql.Time.valueOf("10:15:30"), LocalDate.of(2026, 12, 3), LocalDateTime.of(2026, 12, 3, 10, 15),
                OffsetDateTime.of(2026, 12, 3, 10, 15, 0, 0, ZoneOffset.UTC), Instant.parse("2026-12-03T10:15:30Z"),
                UUID.fromString("5f0c5a4e-7b7e-4f7e-9b3c-1f2d3e4f5a6b"), new byte[]{1, 2, 3}, null,
                new java.util.Date(1_700_000_000_000L), Calendar.getInstance(), Kind.TRAINING,
                new SqlParameterValue(Types.VARCHAR, "typed"), new StringBuilder("built"), disposable};

        List<String> spring = bind(new ArgumentPreparedStatementSetter(arguments));
        int springCleanups = cleanedUp.getAndSet(0);
        List<String> ours = bind(new BoundArguments(arguments));

        assertThat(ours).isEqualTo(spring).hasSize(arguments.length);
        assertThat(ours.get(0)).isEqualTo("setString(1, String text)");
        assertThat(ours.get(1)).isEqualTo("setObject(2, Integer 42)");
        assertThat(springCleanups).isEqualTo(1);
        assertThat(cleanedUp).as("an argument bound by Spring is cleaned up by Spring").hasValue(1);
    }

    @Test
    void plainArgumentsAreBoundWithoutSpringsCleanup() throws Exception {
        BoundArguments arguments = new BoundArguments(new Object[]{"text", 7, java.sql.Date.valueOf("2026-12-03")});

        assertThat(bind(arguments)).containsExactly("setString(1, String text)", "setObject(2, Integer 7)",
                "setObject(3, Date 2026-12-03)");
    }

    /** The calls the setter makes on a statement, each as {@code name(arguments)}, then its cleanup. */
    private static List<String> bind(PreparedStatementSetter setter) throws Exception {
        List<String> calls = new ArrayList<>();
        DatabaseMetaData metaData = proxy(DatabaseMetaData.class, (name, args) -> switch (name) {
            case "getDatabaseProductName" -> "PostgreSQL";
            case "getDriverName" -> "PostgreSQL JDBC Driver";
            default -> null;
        });
        Connection connection = proxy(Connection.class, (name, args) -> name.equals("getMetaData") ? metaData : null);
        ParameterMetaData parameters = proxy(ParameterMetaData.class,
                (name, args) -> name.equals("getParameterType") ? Types.VARCHAR : 0);
        PreparedStatement statement = proxy(PreparedStatement.class, (name, args) -> {
            switch (name) {
                case "getConnection" -> {
                    return connection;
                }
                case "getParameterMetaData" -> {
                    return parameters;
                }
                default -> {
                    if (name.startsWith("set")) {
                        // The parameter's position, then what is bound there.
                        calls.add(name + "(" + args[0] + ", " + String.join(", ", Arrays.stream(args).skip(1)
                                .map(BoundArgumentsTest::text).toList()) + ")");
                    }
                    return null;
                }
            }
        });
        setter.setValues(statement);
        if (setter instanceof ParameterDisposer disposer) {
            disposer.cleanupParameters();
        }
        return calls;
    }

    private static String text(Object value) {
        if (value instanceof byte[] bytes) {
            return Arrays.toString(bytes);
        }
        if (value instanceof Calendar calendar) {
            return "Calendar " + calendar.getTimeInMillis();
        }
        return value == null ? "null" : value.getClass().getSimpleName() + " " + value;
    }

    private interface Answer {
        Object of(String name, Object[] args);
    }

    @SuppressWarnings("unchecked")
    private static <T> T proxy(Class<T> type, Answer answer) {
        return (T) Proxy.newProxyInstance(BoundArgumentsTest.class.getClassLoader(), new Class<?>[]{type},
                (proxy, method, args) -> {
                    Object result = answer.of(method.getName(), args == null ? new Object[0] : args);
                    if (result == null && method.getReturnType().isPrimitive()) {
                        return method.getReturnType() == boolean.class ? false : 0;
                    }
                    return result;
                });
    }
}
