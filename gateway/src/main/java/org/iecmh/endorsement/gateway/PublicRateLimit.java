package org.iecmh.endorsement.gateway;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
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
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Limits what one client address may ask of the public paths (the registry, which needs no sign-in) to a number
 * of requests per minute, in a fixed one-minute window per address; beyond it, 429 with {@code Retry-After}.
 * In memory, per gateway instance: with several instances each counts its own share.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 1)
class PublicRateLimit implements WebFilter {

    private final List<PathPattern> publicPaths;
    private final int perMinute;
    private final Clock clock;
    private final Map<String, Window> windows = new ConcurrentHashMap<>();

    PublicRateLimit(GatewaySecurityProperties properties) {
        this.publicPaths = properties.publicPaths().stream().map(PathPatternParser.defaultInstance::parse).toList();
        this.perMinute = properties.publicRequestsPerMinute();
        this.clock = Clock.systemUTC();
    }

    private record Window(long minute, int count) {
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        PathContainer path = exchange.getRequest().getPath().pathWithinApplication();
        if (publicPaths.stream().noneMatch(pattern -> pattern.matches(path))) {
            return chain.filter(exchange);
        }
        long minute = clock.millis() / 60_000;
        Window window = windows.compute(client(exchange), (address, current) ->
                current == null || current.minute() != minute ? new Window(minute, 1)
                        : new Window(minute, current.count() + 1));
        if (windows.size() > 100_000) {
            windows.values().removeIf(w -> w.minute() < minute);
        }
        if (window.count() > perMinute) {
            long secondsLeft = 60 - (clock.millis() / 1000) % 60;
            exchange.getResponse().getHeaders().set("Retry-After", Long.toString(secondsLeft));
            return Problems.write(exchange.getResponse(), 429, "urn:iecmh:problem:too-many-requests",
                    "Too many requests", "At most " + perMinute + " requests a minute to the public registry");
        }
        return chain.filter(exchange);
    }

    private static String client(ServerWebExchange exchange) {
        InetSocketAddress remote = exchange.getRequest().getRemoteAddress();
        return remote == null || remote.getAddress() == null ? "unknown" : remote.getAddress().getHostAddress();
    }
}
