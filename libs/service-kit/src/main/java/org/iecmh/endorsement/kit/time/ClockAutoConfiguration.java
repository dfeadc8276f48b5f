package org.iecmh.endorsement.kit.time;

import org.axonframework.eventhandling.GenericEventMessage;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

import java.time.Clock;

/**
 * The one source of time. Tests and the local platform replace the bean to move time instead of waiting.
 * Axon stamps events from a static clock of its own, so that clock is pointed at this one too.
 */
@AutoConfiguration
public class ClockAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    public Clock clock() {
        return Clock.systemUTC();
    }

    @Bean
    public InitializingBean axonEventClock(Clock clock) {
        return () -> GenericEventMessage.clock = clock;
    }
}
