package org.iecmh.endorsement.kit.time;

import org.iecmh.endorsement.testkit.MutableClock;
import org.junit.jupiter.api.Test;
import org.springframework.mock.env.MockEnvironment;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The rehearsal clock of the local platform: it starts at the instant given and runs on from there. */
class ClockAutoConfigurationTest {

    @Test
    void aRehearsalClockStartsAtTheInstantGivenAndLetsTimeRun() {
        MutableClock wall = new MutableClock(Instant.parse("2026-12-02T09:00:00Z"));
        RehearsalClock rehearsal = ClockAutoConfiguration.startingAt("2027-09-30T23:55:00Z", wall);

        assertThat(rehearsal.instant()).isEqualTo(Instant.parse("2027-09-30T23:55:00Z"));
        wall.advance(Duration.ofMinutes(10));
        assertThat(rehearsal.instant()).isEqualTo(Instant.parse("2027-10-01T00:05:00Z"));
        // Moved, it reads the new instant and runs on from there.
        rehearsal.moveTo(Instant.parse("2028-01-30T12:00:00Z"));
        wall.advance(Duration.ofMinutes(1));
        assertThat(rehearsal.instant()).isEqualTo(Instant.parse("2028-01-30T12:01:00Z"));
    }

    @Test
    void servicesStartedOneAfterTheOtherWithTheSameInstantsReadTheSameTime() {
        ClockAutoConfiguration configuration = new ClockAutoConfiguration();
        Instant setAt = Instant.now().minusSeconds(40); // the platform was asked for this time 40 seconds ago
        MockEnvironment environment = new MockEnvironment().withProperty("iecmh.clock.start", "2027-09-30T23:55:00Z")
                .withProperty("iecmh.clock.set-at", setAt.toString());

        Instant read = configuration.clock(environment).instant();
        assertThat(read).isBetween(Instant.parse("2027-09-30T23:55:40Z"), Instant.parse("2027-09-30T23:56:40Z"));
    }

    @Test
    void withoutAStartTheClockIsTheRealOneAndUnderAProductionProfileAStartIsRefused() {
        ClockAutoConfiguration configuration = new ClockAutoConfiguration();
        assertThat(configuration.clock(new MockEnvironment())).isEqualTo(Clock.systemUTC());

        MockEnvironment production = new MockEnvironment().withProperty("iecmh.clock.start", "2027-09-30T12:00:00Z");
        production.setActiveProfiles("production");
        assertThatThrownBy(() -> configuration.clock(production))
                .hasMessageContaining("not allowed under a production profile");
        assertThatThrownBy(() -> configuration.clock(new MockEnvironment().withProperty("iecmh.clock.start", "soon")))
                .hasMessageContaining("iecmh.clock.start must be an instant");
    }
}
