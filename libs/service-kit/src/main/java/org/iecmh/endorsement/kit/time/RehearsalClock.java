package org.iecmh.endorsement.kit.time;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * The clock of a rehearsal on the local platform: it reads a chosen instant and runs on from there at the pace of the
 * real clock. {@link #moveTo} jumps to another instant (the platform's browser tests move time this way instead of
 * waiting); time then runs on from that one.
 */
public final class RehearsalClock extends Clock {

    private final Clock real;
    private volatile Duration offset;

    private RehearsalClock(Clock real, Duration offset) {
        this.real = real;
        this.offset = offset;
    }

    /** A clock that reads {@code start} now and runs on at the pace of {@code real}. */
    public static RehearsalClock startingAt(Instant start, Clock real) {
        return new RehearsalClock(real, Duration.between(real.instant(), start));
    }

    /**
     * A clock that read {@code start} at the real instant {@code setAt} and has run on since: several services
     * started one after the other with the same two instants read the same time.
     */
    public static RehearsalClock startedAt(Instant start, Instant setAt, Clock real) {
        return new RehearsalClock(real, Duration.between(setAt, start));
    }

    /** From now on the clock reads {@code instant}, and runs on from it. */
    public void moveTo(Instant instant) {
        offset = Duration.between(real.instant(), instant);
    }

    @Override
    public Instant instant() {
        return real.instant().plus(offset);
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        // Days are read in each association's zone from the instant, never from this clock's zone.
        return Clock.offset(Clock.system(zone), offset);
    }
}
