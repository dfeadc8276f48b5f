package org.iecmh.endorsement.local;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.function.Consumer;

/**
 * The parts of the local platform started so far, each with how it stops. They are stopped in the reverse order of
 * their start, each whatever the others do: the local platform stops them from a shutdown hook registered before the
 * first starts, so that a start that fails, or that Ctrl-C interrupts, leaves no database, broker or child JVM running
 * to hold its ports and data directory against the next start. A part that finishes starting after the stop began is
 * stopped at once.
 */
final class StartedParts {

    /** How a part stops. */
    interface Stop {
        void stop() throws Exception;
    }

    private record Part(String name, Stop how) {
    }

    private final Deque<Part> parts = new ArrayDeque<>();
    private final Consumer<String> say;
    private boolean stopping;

    StartedParts(Consumer<String> say) {
        this.say = say;
    }

    /** Records a part that has started; if the platform is already stopping, stops it now. */
    void started(String name, Stop stop) {
        Part part = new Part(name, stop);
        synchronized (this) {
            if (!stopping) {
                parts.push(part);
                return;
            }
        }
        stop(part);
    }

    /** Stops every part started so far, the last started first. */
    void stopAll() {
        while (true) {
            Part part;
            synchronized (this) {
                stopping = true;
                part = parts.poll();
            }
            if (part == null) {
                return;
            }
            stop(part);
        }
    }

    private void stop(Part part) {
        say.accept("Stopping " + part.name());
        try {
            part.how().stop();
        } catch (Exception | LinkageError e) {
            say.accept("Could not stop " + part.name() + ": " + e);
        }
    }
}
