package org.iecmh.endorsement.gateway;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;

/**
 * How long the gateway waits for a service and when it stops asking one that fails ({@code iecmh.gateway.upstream.*}).
 * The waits themselves are Spring Cloud Gateway's: {@code spring.cloud.gateway.server.webflux.httpclient.connect-timeout}
 * and {@code response-timeout} for every route, a route's {@code metadata} for its own.
 *
 * @param longestExchange    the most a whole exchange may take, a long download included (a backstop: the response
 *                           timeout bounds each wait for the service's next bytes)
 * @param failureRate        the share of failed calls (timeouts, refused connections) in percent that opens a route's
 *                           circuit; then calls are refused at once with 503 for {@code openFor}
 * @param calls              how many of a route's latest calls the failure rate is taken over
 * @param minimumCalls       how many calls a route needs before its failure rate counts
 * @param openFor            how long an open circuit refuses calls before it lets a few through to try again
 */
@ConfigurationProperties("iecmh.gateway.upstream")
public record UpstreamProperties(@DefaultValue("10m") Duration longestExchange,
                                 @DefaultValue("50") float failureRate,
                                 @DefaultValue("20") int calls,
                                 @DefaultValue("10") int minimumCalls,
                                 @DefaultValue("10s") Duration openFor) {
}
