package org.iecmh.endorsement.gateway;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Gives every request an {@code X-Request-Id} (the caller's, when it is a plausible id, else a new one): sent on to
 * the service, which records it as the correlation id of the events the request causes, returned in the answer,
 * and named in the gateway's access log line.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
class RequestIds implements WebFilter {

    static final String HEADER = "X-Request-Id";
    private static final Pattern PLAUSIBLE = Pattern.compile("[A-Za-z0-9._:-]{1,64}");
    private static final Logger access = LoggerFactory.getLogger("org.iecmh.endorsement.gateway.access");
    /** A rater's or a supervision provider's link carries its secret in the path; the log must never hold one. */
    private static final Pattern SECRET_IN_PATH =
            Pattern.compile("^(/api/references/|/api/supervision-confirmations/)[^/]+");

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        String offered = exchange.getRequest().getHeaders().getFirst(HEADER);
        String id = offered != null && PLAUSIBLE.matcher(offered).matches() ? offered : UUID.randomUUID().toString();
        ServerHttpRequest request = exchange.getRequest().mutate().headers(headers -> headers.set(HEADER, id)).build();
        exchange.getResponse().getHeaders().set(HEADER, id);
        long started = System.nanoTime();
        return chain.filter(exchange.mutate().request(request).build())
                .doFinally(signal -> {
                    MDC.put("requestId", id);
                    try {
                        access.info("{} {} {} {} ms", request.getMethod(), loggable(request.getPath().value()),
                                exchange.getResponse().getStatusCode(), (System.nanoTime() - started) / 1_000_000);
                    } finally {
                        MDC.remove("requestId");
                    }
                });
    }

    static String loggable(String path) {
        return SECRET_IN_PATH.matcher(path).replaceFirst("$1***");
    }
}
