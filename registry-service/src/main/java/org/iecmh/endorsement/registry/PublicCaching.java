package org.iecmh.endorsement.registry;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.web.filter.ShallowEtagHeaderFilter;

import java.time.Clock;

/**
 * What keeps the public endpoints cheap: every answer carries an ETag of its body, so that a client or cache that
 * sends it back in {@code If-None-Match} gets 304 and no body (the registry is read far more often than it changes);
 * and each client may ask only so often.
 */
@Configuration
class PublicCaching {

    @Bean
    FilterRegistrationBean<ShallowEtagHeaderFilter> entityTags() {
        FilterRegistrationBean<ShallowEtagHeaderFilter> registration =
                new FilterRegistrationBean<>(new ShallowEtagHeaderFilter());
        registration.addUrlPatterns("/api/registry/*");
        registration.setOrder(Ordered.LOWEST_PRECEDENCE);
        return registration;
    }

    @Bean
    FilterRegistrationBean<PublicRateLimit> rateLimit(
            @Value("${iecmh.registry.rate-limit.requests-per-minute:0}") int requestsPerMinute,
            @Value("${iecmh.registry.rate-limit.client-header:}") String clientHeader, Clock clock) {
        FilterRegistrationBean<PublicRateLimit> registration =
                new FilterRegistrationBean<>(new PublicRateLimit(requestsPerMinute, clientHeader, clock));
        registration.addUrlPatterns("/api/registry/*");
        registration.setOrder(Ordered.LOWEST_PRECEDENCE - 1);
        registration.setEnabled(requestsPerMinute > 0);
        return registration;
    }
}
