package org.iecmh.endorsement.gateway;

import org.iecmh.endorsement.testkit.RealInfrastructure;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextImpl;
import org.springframework.security.web.server.csrf.DefaultCsrfToken;
import org.springframework.web.server.WebSession;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The web application's sessions in the gateway's database, as two gateway instances see them: a session one saves
 * the other finds with its attributes; a new id leaves nothing under the old; a session ended or left unused past its
 * idle time is found by neither, and its row goes.
 */
class SessionsInPostgresTest {

    private static final Duration IDLE = Duration.ofMinutes(30);

    private final String database = RealInfrastructure.postgres().createDatabase("gateway sessions");
    private final MovedClock clock = new MovedClock();
    private final SessionsInPostgres one = store();
    private final SessionsInPostgres other = store();

    @AfterEach
    void close() {
        one.close();
        other.close();
    }

    @Test
    void aSessionOneInstanceSavedIsFoundByAnotherWithItsAttributes() {
        WebSession session = one.createWebSession().block();
        SecurityContext signedIn = new SecurityContextImpl(
                UsernamePasswordAuthenticationToken.authenticated("applicant-ma", null, List.of()));
        session.getAttributes().put("SPRING_SECURITY_CONTEXT", signedIn);
        session.getAttributes().put("csrf", new DefaultCsrfToken("X-CSRF-TOKEN", "_csrf", "token-1"));
        session.save().block();

        WebSession found = other.retrieveSession(session.getId()).block();

        assertThat(found).isNotNull();
        assertThat(found.getAttributes().get("SPRING_SECURITY_CONTEXT")).isEqualTo(signedIn);
        assertThat(((DefaultCsrfToken) found.getAttributes().get("csrf")).getToken()).isEqualTo("token-1");
        assertThat(found.getCreationTime()).isEqualTo(session.getCreationTime());
    }

    @Test
    void aSessionGivenANewIdIsFoundUnderItOnly() {
        WebSession session = one.createWebSession().block();
        session.getAttributes().put("who", "coordinator-ma");
        session.save().block();
        String before = session.getId();

        session.changeSessionId().block();
        session.save().block();

        assertThat(session.getId()).isNotEqualTo(before);
        assertThat(other.retrieveSession(before).block()).isNull();
        assertThat(other.retrieveSession(session.getId()).block().getAttributes()).containsEntry("who", "coordinator-ma");
    }

    @Test
    void aSessionEndedOrUnusedPastItsIdleTimeIsFoundByNoInstance() throws Exception {
        WebSession ended = one.createWebSession().block();
        ended.getAttributes().put("who", "auditor-ma");
        ended.save().block();
        WebSession unused = one.createWebSession().block();
        unused.getAttributes().put("who", "reviewer-ma");
        unused.save().block();
        WebSession empty = one.createWebSession().block();
        empty.save().block();

        other.retrieveSession(ended.getId()).block().invalidate().block();
        clock.moveBy(IDLE.plusSeconds(1));
        WebSession later = one.createWebSession().block();
        later.getAttributes().put("who", "admin-ma");
        later.save().block();

        assertThat(one.retrieveSession(ended.getId()).block()).isNull();
        assertThat(other.retrieveSession(unused.getId()).block()).isNull();
        assertThat(other.retrieveSession(empty.getId()).block()).as("nothing in it: never written").isNull();
        assertThat(storedIds()).containsExactly(later.getId());
    }

    private SessionsInPostgres store() {
        return new SessionsInPostgres(new SharedCountsProperties(RealInfrastructure.postgres().jdbcUrl(database),
                RealInfrastructure.postgres().username(), RealInfrastructure.postgres().password(), 2,
                Duration.ofSeconds(1)), IDLE, clock);
    }

    private List<String> storedIds() throws Exception {
        try (Connection connection = DriverManager.getConnection(RealInfrastructure.postgres().jdbcUrl(database),
                RealInfrastructure.postgres().username(), RealInfrastructure.postgres().password());
             ResultSet rows = connection.createStatement().executeQuery("SELECT id FROM web_session")) {
            List<String> ids = new java.util.ArrayList<>();
            while (rows.next()) {
                ids.add(rows.getString(1));
            }
            return ids;
        }
    }

    /** The gateway's clock, moved on by a test. */
    private static final class MovedClock extends Clock {

        private volatile Duration moved = Duration.ZERO;

        void moveBy(Duration duration) {
            moved = moved.plus(duration);
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return Instant.now().plus(moved);
        }
    }
}
