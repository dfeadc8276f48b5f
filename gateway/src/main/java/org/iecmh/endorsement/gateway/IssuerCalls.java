package org.iecmh.endorsement.gateway;

import com.nimbusds.jose.KeySourceException;
import io.netty.channel.ChannelOption;
import org.springframework.boot.security.oauth2.server.resource.autoconfigure.reactive.JwkSetUriReactiveJwtDecoderBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.client.reactive.ReactorClientHttpConnector;
import org.springframework.web.reactive.function.client.WebClient;
import org.springframework.web.reactive.function.client.WebClientException;
import org.springframework.web.server.WebExceptionHandler;
import reactor.core.publisher.Mono;
import reactor.netty.http.client.HttpClient;
import reactor.netty.resources.ConnectionProvider;

import java.time.Duration;

/**
 * The gateway asks the sign-in provider for its discovery document and keys (again whenever a token names a key it
 * has not seen), and a request waits for that answer. Spring's reactive decoder has no time limit of its own, so a
 * provider that stops answering would hold those requests for as long as the client waits. Here the answer must
 * begin within {@code iecmh.gateway.issuer-timeout} (5 s), else the token is refused like any that cannot be checked;
 * and a pooled connection idle for 20 s is not reused, since providers close idle connections on their own schedule.
 * A token that could not be checked because the provider did not give its keys is answered 503 with a problem, as a
 * service that cannot be reached is, not as an error of the gateway.
 */
@Configuration(proxyBeanMethods = false)
class IssuerCalls {

    static final Duration CONNECT = Duration.ofSeconds(2);
    static final Duration IDLE = Duration.ofSeconds(20);

    @Bean
    JwkSetUriReactiveJwtDecoderBuilderCustomizer issuerCallsAreBounded(GatewaySecurityProperties properties) {
        WebClient issuer = client(properties.issuerTimeout());
        return builder -> builder.webClient(issuer);
    }

    static final String UNAVAILABLE = "urn:iecmh:problem:sign-in-provider-unavailable";

    @Bean
    @Order(-2)
    WebExceptionHandler issuerProblems() {
        return (exchange, error) -> {
            if (exchange.getResponse().isCommitted() || !keysUnavailable(error)) {
                return Mono.error(error);
            }
            return Problems.write(exchange.getResponse(), 503, UNAVAILABLE, "The sign-in provider is unavailable",
                    "The token could not be checked: the sign-in provider did not give its keys; try again shortly");
        };
    }

    /**
     * Spring's reactive decoder reports keys it could not fetch as an {@code IllegalStateException} caused by the
     * client's failure (or by Nimbus's {@code KeySourceException} when the answer was not a key set).
     */
    private static boolean keysUnavailable(Throwable error) {
        if (error instanceof IllegalStateException && error.getCause() instanceof WebClientException) {
            return true;
        }
        for (Throwable cause = error; cause != null; cause = cause.getCause()) {
            if (cause instanceof KeySourceException) {
                return true;
            }
        }
        return false;
    }

    static WebClient client(Duration timeout) {
        ConnectionProvider connections = ConnectionProvider.builder("issuer").maxIdleTime(IDLE).build();
        HttpClient http = HttpClient.create(connections)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) CONNECT.toMillis())
                .responseTimeout(timeout);
        return WebClient.builder().clientConnector(new ReactorClientHttpConnector(http)).build();
    }
}
