package org.iecmh.endorsement.renewal.schedule;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/** Sweeps on a timer in production; tests turn it off and sweep after moving their clock. */
@Component
@ConditionalOnProperty(name = "iecmh.schedule.automatic", havingValue = "true", matchIfMissing = true)
class ScheduleTrigger {

    private final Schedule schedule;

    ScheduleTrigger(Schedule schedule) {
        this.schedule = schedule;
    }

    @Scheduled(fixedDelayString = "${iecmh.schedule.sweep-every:PT5M}", initialDelayString = "PT30S")
    void sweep() {
        schedule.sweep();
    }
}
