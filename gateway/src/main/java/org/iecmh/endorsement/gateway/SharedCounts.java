package org.iecmh.endorsement.gateway;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.time.Clock;
import java.time.Duration;

/**
 * The public rate limit's counts, and the web application's sessions: shared in the gateway's database where one is
 * configured, else in memory.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(SharedCountsProperties.class)
class SharedCounts {

    private static final Logger log = LoggerFactory.getLogger(SharedCounts.class);

    @Bean
    RequestCounts requestCounts(SharedCountsProperties properties) {
        if (!properties.configured()) {
            log.info("No iecmh.gateway.shared-counts.url: this gateway counts the public rate limit alone; with several"
                    + " instances, each allows the whole limit");
            return new CountsInMemory();
        }
        return new CountsInPostgres(properties, new CountsInMemory());
    }

    @Bean
    @ConditionalOnExpression("!'${iecmh.gateway.shared-counts.url:}'.isBlank()")
    SessionsInPostgres sessionsInPostgres(SharedCountsProperties properties,
                                      @Value("${server.reactive.session.timeout:30m}") Duration idle,
                                      ObjectProvider<Clock> clock) {
        return new SessionsInPostgres(properties, idle, clock.getIfAvailable(Clock::systemUTC));
    }
}
