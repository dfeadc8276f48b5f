package org.iecmh.endorsement.gateway;

import com.sun.net.httpserver.HttpServer;
import org.iecmh.endorsement.testkit.ApiClient;
import org.iecmh.endorsement.testkit.ApiClient.Response;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The gateway in front of four real HTTP servers, one per service, each answering with what it received. */
@SpringBootTest(classes = GatewayApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "spring.config.name=" + GatewayApplication.NAME)
class GatewayTest {

    private static final Map<String, HttpServer> SERVICES = Map.of(
            "application-service", echo("application-service"),
            "renewal-service", echo("renewal-service"),
            "payment-service", echo("payment-service"),
            "registry-service", echo("registry-service"));

    @DynamicPropertySource
    static void routes(DynamicPropertyRegistry registry) {
        SERVICES.forEach((name, server) -> registry.add("iecmh.routes." + name,
                () -> "http://localhost:" + server.getAddress().getPort()));
    }

    @AfterAll
    static void stopServices() {
        SERVICES.values().forEach(server -> server.stop(0));
    }

    @LocalServerPort
    int port;

    @Test
    void eachApiGoesToTheServiceThatOwnsItWithPathQueryAndIdentity() {
        ApiClient client = ApiClient.onPort(port).as("ma", "applicant-1", "APPLICANT");

        assertThat(client.get("/api/applications/app-1").text())
                .isEqualTo("application-service GET /api/applications/app-1 tenant=ma");
        assertThat(client.post("/api/payments/invoices/INV-1/payments", Map.of("amountCents", 1)).text())
                .isEqualTo("payment-service POST /api/payments/invoices/INV-1/payments tenant=ma");
        assertThat(client.get("/api/endorsements/MA-000001").text())
                .isEqualTo("renewal-service GET /api/endorsements/MA-000001 tenant=ma");
        assertThat(ApiClient.onPort(port).get("/api/registry/endorsees?name=zoe").text())
                .isEqualTo("registry-service GET /api/registry/endorsees?name=zoe tenant=null");
    }

    @Test
    void aPathNoServiceOwnsIsNotFound() {
        assertThat(ApiClient.onPort(port).get("/api/unknown").status()).isEqualTo(404);
        assertThat(ApiClient.onPort(port).get("/internal/applications").status()).isEqualTo(404);
    }

    @Test
    void theReadinessProbeAnswersUp() {
        Response readiness = ApiClient.onPort(port).get("/actuator/health/readiness");

        assertThat(readiness.status()).isEqualTo(200);
        assertThat(readiness.at("/status")).isEqualTo("UP");
    }

    private static HttpServer echo(String name) {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress("localhost", 0), 0);
            server.createContext("/", exchange -> {
                byte[] body = (name + " " + exchange.getRequestMethod() + " " + exchange.getRequestURI()
                        + " tenant=" + exchange.getRequestHeaders().getFirst("X-Tenant-Id"))
                        .getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().add("Content-Type", "text/plain");
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
