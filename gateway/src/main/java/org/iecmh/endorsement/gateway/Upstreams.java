package org.iecmh.endorsement.gateway;

import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.timelimiter.TimeLimiterConfig;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.web.server.WebExceptionHandler;
import org.springframework.cloud.circuitbreaker.resilience4j.ReactiveResilience4JCircuitBreakerFactory;
import org.springframework.cloud.circuitbreaker.resilience4j.Resilience4JConfigBuilder;
import org.springframework.cloud.client.circuitbreaker.Customizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.cloud.gateway.support.ServiceUnavailableException;
import reactor.core.publisher.Mono;

import java.net.ConnectException;

/**
 * What the gateway does when a service is slow or down: each route waits for its service as long as its response
 * timeout (504 after that), and each route has a circuit breaker that opens when too many of its latest calls failed,
 * so that clients get 503 at once instead of waiting for a service that does not answer. Both answers are RFC 9457
 * problems, as the gateway's other refusals are.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(UpstreamProperties.class)
class Upstreams {

    static final String TIMEOUT = "urn:iecmh:problem:service-timeout";
    static final String UNAVAILABLE = "urn:iecmh:problem:service-unavailable";

    @Bean
    Customizer<ReactiveResilience4JCircuitBreakerFactory> circuitBreakers(UpstreamProperties upstream) {
        return factory -> factory.configureDefault(route -> new Resilience4JConfigBuilder(route)
                .timeLimiterConfig(TimeLimiterConfig.custom().timeoutDuration(upstream.longestExchange()).build())
                .circuitBreakerConfig(CircuitBreakerConfig.custom()
                        .failureRateThreshold(upstream.failureRate())
                        .slidingWindowSize(upstream.calls())
                        .minimumNumberOfCalls(upstream.minimumCalls())
                        .waitDurationInOpenState(upstream.openFor())
                        .build())
                .build());
    }

    /**
     * A service that did not answer in time (504), and one that cannot be reached or whose route's circuit is open
     * (503), as a problem.
     */
    @Bean
    @Order(-2)
    WebExceptionHandler upstreamProblems() {
        return (exchange, error) -> {
            if (exchange.getResponse().isCommitted()) {
                return Mono.error(error);
            }
            int status = error instanceof ResponseStatusException answer ? answer.getStatusCode().value()
                    : error instanceof ServiceUnavailableException || error instanceof ConnectException ? 503 : 0;
            if (status == HttpStatus.GATEWAY_TIMEOUT.value()) {
                return Problems.write(exchange.getResponse(), 504, TIMEOUT, "The service did not answer in time",
                        "The service behind " + exchange.getRequest().getPath() + " did not answer in time. It may "
                                + "still have acted: repeat a request that moves money with the same Idempotency-Key");
            }
            if (status == HttpStatus.SERVICE_UNAVAILABLE.value()) {
                return Problems.write(exchange.getResponse(), 503, UNAVAILABLE, "The service is unavailable",
                        "The service behind " + exchange.getRequest().getPath() + " is failing; try again shortly");
            }
            return Mono.error(error);
        };
    }
}
