package org.iecmh.endorsement.kit.time;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Work a service repeats every {@code every} on a daemon thread of its own, named {@code name}, while the service
 * runs. A round that fails is logged and the work is tried again a period later.
 */
public abstract class Repeating implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(Repeating.class);

    private final String name;
    private final Duration every;
    private ScheduledExecutorService timer;

    protected Repeating(String name, Duration every) {
        if (every.isNegative() || every.isZero()) {
            throw new IllegalArgumentException(name + " must repeat after a positive period, not " + every);
        }
        this.name = name;
        this.every = every;
    }

    /** One round of the work. */
    protected abstract void repeat();

    @Override
    public synchronized void start() {
        timer = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, name);
            thread.setDaemon(true);
            return thread;
        });
        timer.scheduleWithFixedDelay(() -> {
            try {
                repeat();
            } catch (RuntimeException e) {
                log.warn("{} failed; trying again in {}", name, every, e);
            }
        }, every.toMillis(), every.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public synchronized void stop() {
        if (timer != null) {
            timer.shutdownNow();
            timer = null;
        }
    }

    @Override
    public synchronized boolean isRunning() {
        return timer != null;
    }
}
