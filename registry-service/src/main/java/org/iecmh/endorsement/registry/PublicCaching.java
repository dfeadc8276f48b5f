package org.iecmh.endorsement.registry;

import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.web.filter.ShallowEtagHeaderFilter;

/**
 * What keeps the public endpoints cheap: every answer carries an ETag of its body, so that a client or cache that
 * sends it back in {@code If-None-Match} gets 304 and no body (the registry is read far more often than it changes).
 * How often one client may ask is the gateway's to limit, in one place for every public path.
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
}
