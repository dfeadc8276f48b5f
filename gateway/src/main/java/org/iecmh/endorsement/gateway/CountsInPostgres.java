package org.iecmh.endorsement.gateway;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import org.flywaydb.core.Flyway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Counts shared by every gateway instance, in the gateway's PostgreSQL database: one upsert per counted request, so n
 * instances together allow the limit once, not n times. A count that fails or takes longer than the timeout is taken
 * in this instance's memory instead, and so are the counts of the next few seconds: the database never holds, nor
 * refuses, a public request. Rows of minutes that
 * have passed are deleted by whichever instance first sees a new minute.
 */
final class CountsInPostgres implements RequestCounts, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(CountsInPostgres.class);

    private static final String INCREMENT = """
            INSERT INTO public_request_count (client, minute, requests) VALUES (?, ?, 1)
            ON CONFLICT (client, minute) DO UPDATE SET requests = public_request_count.requests + 1
            RETURNING requests""";
    private static final String PRUNE = "DELETE FROM public_request_count WHERE minute < ?";
    private static final int FAILED = -1;
    /** After a failed or late count, how long this instance counts in memory before it asks the database again. */
    private static final Duration AWAY_FOR = Duration.ofSeconds(5);

    private final HikariDataSource database;
    private final Duration timeout;
    private final CountsInMemory fallback;
    /** JDBC blocks: the counts run off the event loop, on a few threads of their own. */
    private final Scheduler jdbc;
    private final AtomicBoolean schemaReady = new AtomicBoolean();
    private final AtomicLong prunedBefore = new AtomicLong();
    private final AtomicLong lastFallbackWarning = new AtomicLong(Long.MIN_VALUE);
    private volatile long awayUntilNanos = System.nanoTime();

    CountsInPostgres(SharedCountsProperties properties, CountsInMemory fallback) {
        HikariConfig config = new HikariConfig();
        config.setPoolName("gateway-shared-counts");
        config.setJdbcUrl(properties.url());
        config.setUsername(properties.username());
        config.setPassword(properties.password());
        config.setMaximumPoolSize(properties.maximumPoolSize());
        config.setMinimumIdle(1);
        config.setConnectionTimeout(Math.max(250, properties.timeout().toMillis()));
        // The gateway starts and serves while the database is away; the counts fall back meanwhile.
        config.setInitializationFailTimeout(-1);
        this.database = new HikariDataSource(config);
        this.timeout = properties.timeout();
        this.fallback = fallback;
        this.jdbc = Schedulers.newBoundedElastic(properties.maximumPoolSize() * 2, 10_000, "shared-counts");
        ensureSchema();
    }

    @Override
    public Mono<Integer> increment(String client, long minute) {
        if (System.nanoTime() < awayUntilNanos) {
            return Mono.just(fallback.incrementNow(client, minute));
        }
        // A failure is an answer, not an error: after a timeout has cancelled the call, an error would be dropped.
        return Mono.fromCallable(() -> incrementInDatabase(client, minute))
                .subscribeOn(jdbc)
                .timeout(timeout, Mono.fromCallable(() -> FAILED))
                .map(count -> {
                    if (count != FAILED) {
                        pruneBefore(minute);
                        return count;
                    }
                    awayUntilNanos = System.nanoTime() + AWAY_FOR.toNanos();
                    warnOncePerMinute(minute);
                    return fallback.incrementNow(client, minute);
                });
    }

    private int incrementInDatabase(String client, long minute) {
        if (!schemaReady.get()) {
            ensureSchema();
        }
        try (Connection connection = database.getConnection();
             PreparedStatement statement = connection.prepareStatement(INCREMENT)) {
            statement.setQueryTimeout((int) Math.max(1, timeout.toSeconds()));
            statement.setString(1, client);
            statement.setLong(2, minute);
            try (ResultSet count = statement.executeQuery()) {
                count.next();
                return count.getInt(1);
            }
        } catch (SQLException | RuntimeException e) {
            log.debug("A shared rate-limit count failed: {}", e.toString());
            return FAILED;
        }
    }

    private synchronized void ensureSchema() {
        if (schemaReady.get()) {
            return;
        }
        try {
            Flyway.configure().dataSource(database).locations("classpath:db/gateway")
                    .connectRetries(0).load().migrate();
            schemaReady.set(true);
        } catch (RuntimeException notNow) {
            log.warn("The shared rate-limit counts are not ready ({}); counting in this instance's memory until they"
                    + " are", notNow.getMessage());
        }
    }

    /** The first request of a new minute deletes the rows of earlier minutes, off the request's path. */
    private void pruneBefore(long minute) {
        long before = prunedBefore.get();
        if (minute <= before || !prunedBefore.compareAndSet(before, minute)) {
            return;
        }
        jdbc.schedule(() -> {
            try (Connection connection = database.getConnection();
                 PreparedStatement statement = connection.prepareStatement(PRUNE)) {
                statement.setLong(1, minute);
                statement.executeUpdate();
            } catch (SQLException | RuntimeException e) {
                log.debug("Could not delete past rate-limit counts: {}", e.getMessage());
            }
        });
    }

    private void warnOncePerMinute(long minute) {
        long last = lastFallbackWarning.get();
        if (last != minute && lastFallbackWarning.compareAndSet(last, minute)) {
            log.warn("The shared rate-limit counts failed or took longer than {} ms; this instance counts in its own"
                    + " memory for the next {} s", timeout.toMillis(), AWAY_FOR.toSeconds());
        }
    }

    @Override
    public void close() {
        jdbc.dispose();
        database.close();
    }
}
