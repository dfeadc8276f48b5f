package org.iecmh.endorsement.gateway;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;

/**
 * Where every gateway instance keeps the public rate limit's counts ({@code iecmh.gateway.shared-counts.*}): a
 * PostgreSQL database of the gateway's own. Without a URL each instance counts alone, in memory.
 *
 * @param url             JDBC URL of the gateway's database; empty: counts in memory
 * @param username        its login role
 * @param password        the role's password
 * @param maximumPoolSize connections of one gateway instance
 * @param timeout         how long a count may take; past it (or when the database fails) this instance counts the
 *                        request in memory, so a slow or absent database never holds or refuses a public request
 */
@ConfigurationProperties("iecmh.gateway.shared-counts")
public record SharedCountsProperties(
        @DefaultValue("") String url,
        @DefaultValue("") String username,
        @DefaultValue("") String password,
        @DefaultValue("2") int maximumPoolSize,
        @DefaultValue("250ms") Duration timeout) {

    boolean configured() {
        return url != null && !url.isBlank();
    }
}
