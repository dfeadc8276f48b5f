package org.iecmh.endorsement.gateway;

import com.sun.net.httpserver.HttpServer;
import io.netty.handler.timeout.ReadTimeoutException;
import org.iecmh.endorsement.testkit.LocalIssuer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;
import org.springframework.security.oauth2.jwt.NimbusReactiveJwtDecoder;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class IssuerCallsTest {

    /** A sign-in provider that takes every request for its keys and never answers. */
    private final CountDownLatch never = new CountDownLatch(1);
    private HttpServer silent;

    @AfterEach
    void stop() {
        never.countDown();
        if (silent != null) {
            silent.stop(0);
        }
    }

    @Test
    void aProviderThatStopsAnsweringGetsTheTokenRefusedInsteadOfHoldingTheRequest() throws IOException {
        silent = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        silent.setExecutor(Executors.newCachedThreadPool());
        silent.createContext("/jwks", exchange -> {
            try {
                never.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        silent.start();
        ReactiveJwtDecoder decoder = NimbusReactiveJwtDecoder
                .withJwkSetUri("http://localhost:" + silent.getAddress().getPort() + "/jwks")
                .webClient(IssuerCalls.client(Duration.ofMillis(300))).build();
        String token = LocalIssuer.instance().token("ma", "coordinator-1", "COORDINATOR");

        // The bound of block() is only the test's guard: without the client's time limit this ends in block()'s own
        // "Timeout on blocking read" after 20 s, not in the decoder's failure to get the keys.
        assertThatThrownBy(() -> decoder.decode(token).block(Duration.ofSeconds(20)))
                .hasMessage("Could not obtain the keys")
                .hasRootCauseInstanceOf(ReadTimeoutException.class)
                .satisfies(refused -> {
                    // ... which the gateway answers as an unavailable provider, not as its own error.
                    MockServerWebExchange exchange = MockServerWebExchange.from(
                            MockServerHttpRequest.get("/api/applications/app-1"));
                    new IssuerCalls().issuerProblems().handle(exchange, refused).block(Duration.ofSeconds(5));
                    assertThat(exchange.getResponse().getStatusCode().value()).isEqualTo(503);
                    assertThat(exchange.getResponse().getBodyAsString().block(Duration.ofSeconds(5)))
                            .contains(IssuerCalls.UNAVAILABLE);
                });
    }

    @Test
    void otherErrorsAreLeftToTheGatewaysOtherHandlers() {
        MockServerWebExchange exchange = MockServerWebExchange.from(MockServerHttpRequest.get("/"));
        IllegalStateException other = new IllegalStateException("something else");

        assertThatThrownBy(() -> new IssuerCalls().issuerProblems().handle(exchange, other)
                .block(Duration.ofSeconds(5))).isSameAs(other);
    }
}
