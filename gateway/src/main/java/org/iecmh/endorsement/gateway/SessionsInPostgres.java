package org.iecmh.endorsement.gateway;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import org.flywaydb.core.Flyway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.web.server.WebSession;
import org.springframework.web.server.session.WebSessionStore;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.UncheckedIOException;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The web application's sessions shared by every gateway instance, in the gateway's PostgreSQL database (the one its
 * public rate limit counts in): a browser signed in through one instance is signed in at all of them, and a sign-in
 * begun at one may come back to another. A session is its attributes (Spring Security's context, the sign-in under
 * way, the tokens, the CSRF token) serialized as Java objects, written when they changed at the end of a request, and
 * its last use, written at most once a minute. A session unused for its idle time is gone; whichever instance first
 * sees a new minute deletes the ones that ended. A database that does not answer leaves the browser without a
 * session (it signs in again), never the request held.
 *
 * <p>Length: Spring's {@link WebSession} has a dozen methods, and the session and the store that reads and writes it
 * share the rules of when a session is written; they stay together.
 */
final class SessionsInPostgres implements WebSessionStore, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(SessionsInPostgres.class);
    private static final Duration TOUCH_EVERY = Duration.ofMinutes(1);
    private static final String FIND = "SELECT attributes, created_at, last_access FROM web_session "
            + "WHERE id = ? AND expires_at > ?";
    private static final String UPSERT = """
            INSERT INTO web_session (id, attributes, created_at, last_access, expires_at) VALUES (?, ?, ?, ?, ?)
            ON CONFLICT (id) DO UPDATE SET attributes = EXCLUDED.attributes, last_access = EXCLUDED.last_access,
                expires_at = EXCLUDED.expires_at""";
    private static final String REMOVE = "DELETE FROM web_session WHERE id = ?";
    private static final String PRUNE = "DELETE FROM web_session WHERE expires_at <= ?";

    private final HikariDataSource database;
    private final Scheduler jdbc;
    private final Clock clock;
    private final Duration maxIdle;
    private final SecureRandom random = new SecureRandom();
    private final AtomicLong prunedMinute = new AtomicLong();

    SessionsInPostgres(SharedCountsProperties properties, Duration maxIdle, Clock clock) {
        HikariConfig config = new HikariConfig();
        config.setPoolName("gateway-sessions");
        config.setJdbcUrl(properties.url());
        config.setUsername(properties.username());
        config.setPassword(properties.password());
        config.setMaximumPoolSize(properties.maximumPoolSize());
        config.setMinimumIdle(1);
        config.setConnectionTimeout(2_000);
        config.setInitializationFailTimeout(-1);
        this.database = new HikariDataSource(config);
        this.jdbc = Schedulers.newBoundedElastic(properties.maximumPoolSize() * 2, 10_000, "web-sessions");
        this.clock = clock;
        this.maxIdle = maxIdle;
        try {
            Flyway.configure().dataSource(database).locations("classpath:db/gateway").connectRetries(0).load()
                    .migrate();
        } catch (RuntimeException notNow) {
            log.warn("The gateway's database is not ready for sessions ({}); browsers cannot sign in until it is",
                    notNow.getMessage());
        }
    }

    @Override
    public Mono<WebSession> createWebSession() {
        Instant now = now();
        return Mono.just(new StoredSession(newId(), new ConcurrentHashMap<>(), now, now, null, null));
    }

    @Override
    public Mono<WebSession> retrieveSession(String id) {
        return blocking(() -> find(id)).onErrorResume(failed -> {
            log.warn("A session could not be read; the browser signs in again: {}", failed.toString());
            return Mono.empty();
        });
    }

    @Override
    public Mono<Void> removeSession(String id) {
        return blocking(() -> {
            execute(REMOVE, id);
            return null;
        }).then();
    }

    @Override
    public Mono<WebSession> updateLastAccessTime(WebSession session) {
        ((StoredSession) session).lastAccess = now();
        return Mono.just(session);
    }

    /** Now, as PostgreSQL keeps it (microseconds). */
    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }

    private WebSession find(String id) throws SQLException {
        Instant now = clock.instant();
        try (Connection connection = database.getConnection();
             PreparedStatement statement = connection.prepareStatement(FIND)) {
            statement.setString(1, id);
            statement.setTimestamp(2, Timestamp.from(now));
            try (ResultSet row = statement.executeQuery()) {
                if (!row.next()) {
                    return null;
                }
                byte[] stored = row.getBytes(1);
                Instant lastAccess = row.getTimestamp(3).toInstant();
                return new StoredSession(id, attributesOf(stored), row.getTimestamp(2).toInstant(), lastAccess, id,
                        new Written(stored, lastAccess));
            }
        }
    }

    private void write(StoredSession session, byte[] attributes, String replaced) throws SQLException {
        Instant expires = session.lastAccess.plus(maxIdle);
        try (Connection connection = database.getConnection()) {
            connection.setAutoCommit(false);
            try (PreparedStatement upsert = connection.prepareStatement(UPSERT)) {
                upsert.setString(1, session.id);
                upsert.setBytes(2, attributes);
                upsert.setTimestamp(3, Timestamp.from(session.created));
                upsert.setTimestamp(4, Timestamp.from(session.lastAccess));
                upsert.setTimestamp(5, Timestamp.from(expires));
                upsert.executeUpdate();
            }
            if (replaced != null && !replaced.equals(session.id)) {
                try (PreparedStatement remove = connection.prepareStatement(REMOVE)) {
                    remove.setString(1, replaced);
                    remove.executeUpdate();
                }
            }
            connection.commit();
        }
        pruneOncePerMinute();
    }

    private void pruneOncePerMinute() {
        long minute = clock.instant().getEpochSecond() / 60;
        long before = prunedMinute.get();
        if (minute > before && prunedMinute.compareAndSet(before, minute)) {
            try {
                execute(PRUNE, Timestamp.from(clock.instant()));
            } catch (SQLException | RuntimeException e) {
                log.debug("Could not delete ended sessions: {}", e.toString());
            }
        }
    }

    private void execute(String sql, Object parameter) throws SQLException {
        try (Connection connection = database.getConnection();
             PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setObject(1, parameter);
            statement.executeUpdate();
        }
    }

    private <T> Mono<T> blocking(SqlCall<T> call) {
        return Mono.fromCallable(call::call).subscribeOn(jdbc);
    }

    private interface SqlCall<T> {
        T call() throws SQLException;
    }

    private String newId() {
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    static byte[] bytesOf(Map<String, Object> attributes) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(new HashMap<>(attributes));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> attributesOf(byte[] stored) {
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(stored))) {
            return new ConcurrentHashMap<>((Map<String, Object>) in.readObject());
        } catch (IOException | ClassNotFoundException e) {
            throw new IllegalStateException("A stored session could not be read", e);
        }
    }

    /** What was last written of a session: its attributes and its last use. */
    private record Written(byte[] attributes, Instant lastAccess) {
    }

    private final class StoredSession implements WebSession {

        private volatile String id;
        private final Map<String, Object> attributes;
        private final Instant created;
        private volatile Instant lastAccess;
        private volatile String storedId;
        private volatile Written written;
        private volatile boolean started;

        StoredSession(String id, Map<String, Object> attributes, Instant created, Instant lastAccess, String storedId,
                      Written written) {
            this.id = id;
            this.attributes = attributes;
            this.created = created;
            this.lastAccess = lastAccess;
            this.storedId = storedId;
            this.written = written;
            this.started = storedId != null;
        }

        @Override
        public String getId() {
            return id;
        }

        @Override
        public Map<String, Object> getAttributes() {
            return attributes;
        }

        @Override
        public void start() {
            started = true;
        }

        @Override
        public boolean isStarted() {
            return started || !attributes.isEmpty();
        }

        @Override
        public Mono<Void> changeSessionId() {
            id = newId();
            return Mono.empty();
        }

        @Override
        public Mono<Void> invalidate() {
            attributes.clear();
            started = false;
            String stored = storedId;
            storedId = null;
            written = null;
            return stored == null ? Mono.empty() : removeSession(stored);
        }

        @Override
        public Mono<Void> save() {
            if (!isStarted()) {
                return Mono.empty();
            }
            byte[] now = bytesOf(attributes);
            Written last = written;
            boolean unchanged = last != null && id.equals(storedId) && Arrays.equals(now, last.attributes())
                    && Duration.between(last.lastAccess(), lastAccess).compareTo(TOUCH_EVERY) < 0;
            if (unchanged) {
                return Mono.empty();
            }
            String replaced = storedId;
            return blocking(() -> {
                write(this, now, replaced);
                storedId = id;
                written = new Written(now, lastAccess);
                return null;
            }).then();
        }

        @Override
        public boolean isExpired() {
            return lastAccess.plus(maxIdle).isBefore(clock.instant());
        }

        @Override
        public Instant getCreationTime() {
            return created;
        }

        @Override
        public Instant getLastAccessTime() {
            return lastAccess;
        }

        @Override
        public void setMaxIdleTime(Duration maxIdleTime) {
            // One idle time for every session: iecmh.web's, the cookie's session timeout.
        }

        @Override
        public Duration getMaxIdleTime() {
            return maxIdle;
        }
    }

    @Override
    public void close() {
        jdbc.dispose();
        database.close();
    }
}
