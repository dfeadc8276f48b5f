package org.iecmh.endorsement.gateway;

import com.sun.net.httpserver.HttpServer;
import org.iecmh.endorsement.testkit.ApiClient;
import org.iecmh.endorsement.testkit.ApiClient.Response;
import org.iecmh.endorsement.testkit.LocalIssuer;
import org.iecmh.endorsement.testkit.RealInfrastructureProperties;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The gateway in front of services that misbehave: application-service holds some requests without answering,
 * registry-service does not listen at all, payment-service answers (once forty requests are in, for those that ask
 * it to wait for the crowd). Routes wait 2 s for an answer to begin; a route's circuit opens after two failures of its
 * latest three calls.
 */
@SpringBootTest(classes = GatewayApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"spring.config.name=" + GatewayApplication.NAME,
                "spring.cloud.gateway.server.webflux.httpclient.response-timeout=2s",
                "iecmh.gateway.upstream.calls=3", "iecmh.gateway.upstream.minimum-calls=3",
                "iecmh.gateway.upstream.failure-rate=50", "iecmh.gateway.upstream.open-for=5m"})
class GatewayUpstreamTest {

    private static final CountDownLatch RELEASE = new CountDownLatch(1);
    private static final int CROWD = 40;
    private static final CountDownLatch CROWD_IN = new CountDownLatch(CROWD);
    private static final AtomicInteger ANSWERED = new AtomicInteger();
    private static final HttpServer APPLICATIONS = server(true);
    private static final HttpServer PAYMENTS = server(false);
    private static final int NOBODY = closedPort();

    @DynamicPropertySource
    static void routes(DynamicPropertyRegistry registry) {
        registry.add("iecmh.routes.application-service", () -> url(APPLICATIONS));
        registry.add("iecmh.routes.payment-service", () -> url(PAYMENTS));
        registry.add("iecmh.routes.renewal-service", () -> url(PAYMENTS));
        registry.add("iecmh.routes.registry-service", () -> "http://localhost:" + NOBODY);
        registry.add(RealInfrastructureProperties.ISSUER_URI, () -> LocalIssuer.instance().issuerUri());
    }

    @AfterAll
    static void stopServices() {
        RELEASE.countDown();
        APPLICATIONS.stop(0);
        PAYMENTS.stop(0);
    }

    @LocalServerPort
    int port;

    @Test
    void aServiceThatDoesNotAnswerInTimeIsAProblemAndThenItsRouteRefusesAtOnceWhileOthersGoOn() {
        ApiClient client = ApiClient.onPort(port).as("ma", "applicant-1", "APPLICANT");

        for (int i = 0; i < 3; i++) {
            long started = System.nanoTime();
            Response held = client.get("/api/applications/held-" + i);
            assertThat(held.status()).isEqualTo(504);
            assertThat(held.contentType()).startsWith("application/problem+json");
            assertThat(held.at("/type")).isEqualTo(Upstreams.TIMEOUT);
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(10));
        }
        int answeredBefore = ANSWERED.get();

        Response refused = client.get("/api/applications/app-1");
        assertThat(refused.status()).isEqualTo(503);
        assertThat(refused.at("/type")).isEqualTo(Upstreams.UNAVAILABLE);
        assertThat(ANSWERED.get()).as("the open circuit kept the request from the service").isEqualTo(answeredBefore);
        // Another route, another circuit.
        assertThat(client.get("/api/payments/invoices/INV-1").status()).isEqualTo(200);
    }

    @Test
    void fortyRequestsAtOnceToOneRouteAllReachTheService() throws Exception {
        ApiClient client = ApiClient.onPort(port).as("ma", "coordinator-1", "COORDINATOR");
        ExecutorService callers = Executors.newFixedThreadPool(CROWD);
        try {
            List<Future<Integer>> answers = new ArrayList<>();
            for (int i = 0; i < CROWD; i++) {
                int n = i;
                answers.add(callers.submit(() -> client.get("/api/payments/crowd-" + n).status()));
            }
            for (Future<Integer> answer : answers) {
                assertThat(answer.get(60, TimeUnit.SECONDS)).isEqualTo(200);
            }
        } finally {
            callers.shutdownNow();
        }
    }

    @Test
    void aServiceThatCannotBeReachedIsAProblemTooNotAnError() {
        Response down = ApiClient.onPort(port).get("/api/registry/endorsees?name=zoe");

        assertThat(down.status()).isEqualTo(503);
        assertThat(down.contentType()).startsWith("application/problem+json");
        assertThat(down.at("/type")).isEqualTo(Upstreams.UNAVAILABLE);
    }

    /** A service that answers at once, or, if {@code holds}, holds requests to paths with "held" in them. */
    private static HttpServer server(boolean holds) {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress("localhost", 0), 0);
            server.setExecutor(Executors.newCachedThreadPool());
            server.createContext("/", exchange -> {
                try {
                    if (holds && exchange.getRequestURI().getPath().contains("held")) {
                        RELEASE.await(30, TimeUnit.SECONDS);
                    } else if (exchange.getRequestURI().getPath().contains("crowd")) {
                        CROWD_IN.countDown();
                        CROWD_IN.await(30, TimeUnit.SECONDS);
                        ANSWERED.incrementAndGet();
                    } else {
                        ANSWERED.incrementAndGet();
                    }
                    byte[] body = "ok".getBytes(StandardCharsets.UTF_8);
                    exchange.sendResponseHeaders(200, body.length);
                    exchange.getResponseBody().write(body);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                } finally {
                    exchange.close();
                }
            });
            server.start();
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String url(HttpServer server) {
        return "http://localhost:" + server.getAddress().getPort();
    }

    /** A port nothing listens on: taken, then let go. */
    private static int closedPort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
