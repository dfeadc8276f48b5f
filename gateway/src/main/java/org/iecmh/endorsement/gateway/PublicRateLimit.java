package org.iecmh.endorsement.gateway;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.cloud.gateway.support.ipresolver.RemoteAddressResolver;
import org.springframework.cloud.gateway.support.ipresolver.XForwardedRemoteAddressResolver;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.server.PathContainer;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import org.springframework.web.util.pattern.PathPattern;
import org.springframework.web.util.pattern.PathPatternParser;
import reactor.core.publisher.Mono;

import java.net.InetSocketAddress;
import java.time.Clock;
import java.util.List;

/**
 * Limits what one client may ask of the rate-limited public paths ({@code rate-limited-paths}: the registry, which
 * needs no sign-in, and the card webhook) to a number of requests per minute, in a fixed one-minute window per client; beyond it, 429 with {@code Retry-After}. The client is the
 * socket's address, or behind {@code trusted-proxies} proxies (a load balancer, an ingress) the address the
 * outermost trusted one saw, read from the right of {@code X-Forwarded-For}: entries a client wrote itself further
 * left never name a new client. The counts are shared by every gateway instance in the gateway's database where one is
 * configured ({@link CountsInPostgres}), in this instance's memory otherwise ({@link CountsInMemory}).
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 1)
class PublicRateLimit implements WebFilter {

    private final List<PathPattern> limitedPaths;
    private final int perMinute;
    private final RemoteAddressResolver clients;
    private final Clock clock;
    private final RequestCounts counts;

    PublicRateLimit(GatewaySecurityProperties properties, RequestCounts counts, ObjectProvider<Clock> clock) {
        this.limitedPaths = properties.rateLimitedPaths().stream().map(PathPatternParser.defaultInstance::parse).toList();
        this.perMinute = properties.publicRequestsPerMinute();
        this.clients = properties.trustedProxies() == 0 ? new RemoteAddressResolver() {
        } : XForwardedRemoteAddressResolver.maxTrustedIndex(properties.trustedProxies());
        this.clock = clock.getIfAvailable(Clock::systemUTC);
        this.counts = counts;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        PathContainer path = exchange.getRequest().getPath().pathWithinApplication();
        if (limitedPaths.stream().noneMatch(pattern -> pattern.matches(path))) {
            return chain.filter(exchange);
        }
        long now = clock.millis();
        long minute = now / 60_000;
        return counts.increment(client(exchange), minute).flatMap(count -> {
            if (count <= perMinute) {
                return chain.filter(exchange);
            }
            long secondsLeft = Math.max(1, ((minute + 1) * 60_000 - now + 999) / 1000);
            exchange.getResponse().getHeaders().set(HttpHeaders.RETRY_AFTER, Long.toString(secondsLeft));
            return Problems.write(exchange.getResponse(), 429, "urn:iecmh:problem:too-many-requests",
                    "Too many requests", "At most " + perMinute + " requests a minute from one address to "
                            + exchange.getRequest().getPath() + " and the other public paths; try again in "
                            + secondsLeft + " seconds");
        });
    }

    private String client(ServerWebExchange exchange) {
        InetSocketAddress remote = clients.resolve(exchange);
        return remote == null ? "unknown" : remote.getHostString();
    }
}
