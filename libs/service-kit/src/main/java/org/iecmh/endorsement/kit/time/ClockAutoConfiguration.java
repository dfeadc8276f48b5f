package org.iecmh.endorsement.kit.time;

import org.axonframework.eventhandling.GenericEventMessage;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;

import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.Set;

/**
 * The one source of time. Tests and the local platform replace the bean to move time instead of waiting.
 * Axon stamps events from a static clock of its own, so that clock is pointed at this one too.
 *
 * <p>{@code iecmh.clock.start} (an instant, set by {@code deploy/local/run --clock}) starts the service at that
 * instant and lets time run from there (from the real instant {@code iecmh.clock.set-at}, when given, so that services
 * started one after the other read the same time), so that a renewal window, its reminders, a grace period and a lapse can be
 * rehearsed on the local platform. It is refused under a production profile: there the clock is the real one.
 */
@AutoConfiguration
public class ClockAutoConfiguration {

    static final String START = "iecmh.clock.start";
    /** The real instant at which {@code iecmh.clock.start} was chosen, so that every service reads the same time. */
    static final String SET_AT = "iecmh.clock.set-at";
    private static final Set<String> PRODUCTION_PROFILES = Set.of("prod", "production");

    @Bean
    @ConditionalOnMissingBean
    public Clock clock(Environment environment) {
        String start = environment.getProperty(START, "");
        if (start.isBlank()) {
            return Clock.systemUTC();
        }
        if (Arrays.stream(environment.getActiveProfiles()).anyMatch(PRODUCTION_PROFILES::contains)) {
            throw new IllegalStateException(START + " moves time for rehearsals on the local platform; it is not "
                    + "allowed under a production profile");
        }
        String setAt = environment.getProperty(SET_AT, "");
        return setAt.isBlank() ? startingAt(start, Clock.systemUTC())
                : RehearsalClock.startedAt(instant(START, start), instant(SET_AT, setAt), Clock.systemUTC());
    }

    /** A clock that reads {@code start} now and runs on at the pace of {@code real}. */
    static RehearsalClock startingAt(String start, Clock real) {
        return RehearsalClock.startingAt(instant(START, start), real);
    }

    private static Instant instant(String setting, String value) {
        try {
            return Instant.parse(value);
        } catch (DateTimeParseException e) {
            throw new IllegalStateException(setting + " must be an instant such as 2027-09-30T12:00:00Z, was " + value,
                    e);
        }
    }

    @Bean
    public InitializingBean axonEventClock(Clock clock) {
        return () -> GenericEventMessage.clock = clock;
    }
}
