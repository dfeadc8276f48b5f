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
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** One client may ask the public registry only so often; signed-in traffic is not counted against it. */
@SpringBootTest(classes = GatewayApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"spring.config.name=" + GatewayApplication.NAME, "iecmh.gateway.public-requests-per-minute=5"})
class PublicRateLimitTest {

    private static final int LIMIT = 5;
    private static final HttpServer SERVICE = ok();

    @DynamicPropertySource
    static void routes(DynamicPropertyRegistry registry) {
        for (String service : List.of("application-service", "renewal-service", "payment-service",
                "registry-service")) {
            registry.add("iecmh.routes." + service, () -> "http://localhost:" + SERVICE.getAddress().getPort());
        }
        registry.add(RealInfrastructureProperties.ISSUER_URI, () -> LocalIssuer.instance().issuerUri());
    }

    @AfterAll
    static void stop() {
        SERVICE.stop(0);
    }

    @LocalServerPort
    int port;

    @Test
    void aClientBeyondTheLimitOfThePublicRegistryIsToldToWait() {
        ApiClient anonymous = ApiClient.onPort(port);
        List<Response> answers = new ArrayList<>();
        // Twice the limit and one: even if a minute turns over meanwhile, one of the two windows overflows.
        for (int i = 0; i < 2 * LIMIT + 1; i++) {
            answers.add(anonymous.get("/api/registry/endorsees?name=zoe"));
        }

        Response refused = answers.stream().filter(r -> r.status() == 429).findFirst().orElseThrow();
        assertThat(answers.stream().filter(r -> r.status() == 200).count()).isBetween((long) LIMIT, 2L * LIMIT);
        assertThat(refused.contentType()).startsWith("application/problem+json");
        assertThat(refused.at("/type")).isEqualTo("urn:iecmh:problem:too-many-requests");
        assertThat(ApiClient.onPort(port).as("ma", "coordinator-1", "COORDINATOR").get("/api/applications").status())
                .isEqualTo(200);
    }

    private static HttpServer ok() {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress("localhost", 0), 0);
            server.createContext("/", exchange -> {
                exchange.getResponseHeaders().add("Content-Type", "application/json");
                byte[] body = "[]".getBytes();
                exchange.sendResponseHeaders(200, body.length);
                exchange.getResponseBody().write(body);
                exchange.close();
            });
            server.start();
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
