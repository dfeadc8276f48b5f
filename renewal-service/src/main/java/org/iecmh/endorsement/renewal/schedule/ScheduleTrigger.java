package org.iecmh.endorsement.renewal.schedule;

import org.iecmh.endorsement.kit.time.Leases;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import java.time.Duration;

/**
 * Sweeps on a timer in production, one instance at a time: the instance that takes the lease {@value #LEASE} sweeps
 * and gives it back, the others skip that turn (a sweep that crashes keeps the lease at most {@link #HELD}). Tests
 * turn the timer off and sweep after moving their clock.
 */
@Component
@ConditionalOnProperty(name = "iecmh.schedule.automatic", havingValue = "true", matchIfMissing = true)
class ScheduleTrigger {

    static final String LEASE = "renewal-schedule";
    static final Duration HELD = Duration.ofMinutes(15);
    private static final Logger log = LoggerFactory.getLogger(ScheduleTrigger.class);

    private final Schedule schedule;
    private final Leases leases;

    ScheduleTrigger(Schedule schedule, Leases leases) {
        this.schedule = schedule;
        this.leases = leases;
    }

    @Scheduled(fixedDelayString = "${iecmh.schedule.sweep-every:PT5M}", initialDelayString = "PT30S")
    void sweep() {
        if (!leases.whileHolding(LEASE, HELD, schedule::sweep)) {
            log.debug("Another instance sweeps the renewal schedule this turn");
        }
    }
}
