package org.iecmh.endorsement.gateway;

import com.sun.net.httpserver.HttpServer;
import org.iecmh.endorsement.testkit.ApiClient;
import org.iecmh.endorsement.testkit.LocalIssuer;
import org.iecmh.endorsement.testkit.MutableClock;
import org.iecmh.endorsement.testkit.RealInfrastructureProperties;
import org.iecmh.endorsement.testkit.RealInfrastructure;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.http.client.ReactorResourceFactory;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * One client may ask the public registry only so often; signed-in traffic is not counted against it. Who the client
 * is comes from the socket, or from as many proxies in front of the gateway as are trusted: never from what a
 * client writes in {@code X-Forwarded-For} itself.
 */
class PublicRateLimitTest {

    private static final int LIMIT = 5;
    private static final HttpServer SERVICE = ok();
    private static final MutableClock CLOCK = new MutableClock(Instant.parse("2026-11-22T10:00:15Z"));
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @TestConfiguration
    static class StoppedClock {
        @Bean
        Clock clock() {
            return CLOCK;
        }
    }

    /**
     * A gateway this test starts and stops itself runs on Netty resources of its own: closing one that used the
     * global resources would dispose them under the gateways the other tests keep running.
     */
    @TestConfiguration
    static class OwnNettyResources {
        @Bean
        ReactorResourceFactory reactorResourceFactory() {
            ReactorResourceFactory resources = new ReactorResourceFactory();
            resources.setUseGlobalResources(false);
            return resources;
        }
    }

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

    /** Each test starts 15 seconds into a minute of its own, so that no window carries over. */
    @BeforeEach
    void nextMinute() {
        CLOCK.set(CLOCK.instant().truncatedTo(ChronoUnit.MINUTES).plus(Duration.ofMinutes(1)).plusSeconds(15));
    }

    @Nested
    @SpringBootTest(classes = {GatewayApplication.class, StoppedClock.class},
            webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
            properties = {"spring.config.name=" + GatewayApplication.NAME,
                    "iecmh.gateway.public-requests-per-minute=" + LIMIT})
    class ClientsThatConnectDirectly {

        @LocalServerPort
        int port;

        @Test
        void aClientBeyondTheLimitIsToldInAProblemHowLongToWaitAndMayAskAgainTheNextMinute() throws Exception {
            for (int i = 0; i < LIMIT; i++) {
                assertThat(registry(port, Map.of()).statusCode()).isEqualTo(200);
            }
            HttpResponse<String> refused = registry(port, Map.of());

            assertThat(refused.statusCode()).isEqualTo(429);
            assertThat(refused.headers().firstValue("Retry-After")).hasValue("45");
            assertThat(refused.headers().firstValue("Content-Type")).hasValueSatisfying(
                    type -> assertThat(type).startsWith("application/problem+json"));
            var problem = JsonMapper.builder().build().readTree(refused.body());
            assertThat(problem.get("type").asText()).isEqualTo("urn:iecmh:problem:too-many-requests");
            assertThat(problem.get("status").asInt()).isEqualTo(429);
            // Signed-in traffic is not counted against the public limit.
            assertThat(ApiClient.onPort(port).as("ma", "coordinator-1", "COORDINATOR").get("/api/applications")
                    .status()).isEqualTo(200);

            CLOCK.advance(Duration.ofSeconds(45));
            assertThat(registry(port, Map.of()).statusCode()).isEqualTo(200);
        }

        @Test
        void loadingTheWebApplicationsPagesIsNotCountedAgainstThePublicLimit() throws Exception {
            // HTTP/1.1, as browsers speak it to a plain-http server, each request with a time limit.
            HttpClient browser = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
            for (String file : List.of("/", "/js/search.js", "/js/i18n.js", "/js/api.js", "/css/site.css",
                    "/i18n/en.json")) {
                assertThat(browser.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + file))
                        .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.discarding())
                        .statusCode()).as(file).isEqualTo(200);
            }
            for (int i = 0; i < LIMIT - 1; i++) {
                assertThat(registry(port, Map.of()).statusCode()).isEqualTo(200);
            }

            assertThat(registry(port, Map.of()).statusCode()).isEqualTo(200);
        }

        @Test
        void healthProbesAndTheRatingFormAreNotCountedAgainstTheLimit() throws Exception {
            for (int i = 0; i < LIMIT; i++) {
                assertThat(get(port, "/actuator/health").statusCode()).isEqualTo(200);
                assertThat(get(port, "/api/references/some-link-token").statusCode()).isEqualTo(200);
            }
            for (int i = 0; i < LIMIT; i++) {
                assertThat(registry(port, Map.of()).statusCode()).isEqualTo(200);
            }

            HttpResponse<String> refused = registry(port, Map.of());
            assertThat(refused.statusCode()).isEqualTo(429);
            assertThat(refused.body()).contains("/api/registry/endorsees").doesNotContain("public registry;");
            assertThat(get(port, "/actuator/health").statusCode()).isEqualTo(200);
        }

        @Test
        void anAddressAClientClaimsInXForwardedForMakesItNoNewClient() throws Exception {
            for (int i = 0; i < LIMIT; i++) {
                assertThat(registry(port, Map.of("X-Forwarded-For", "198.51.100." + i)).statusCode())
                        .isEqualTo(200);
            }

            assertThat(registry(port, Map.of("X-Forwarded-For", "198.51.100.99")).statusCode()).isEqualTo(429);
            assertThat(registry(port, Map.of()).statusCode()).isEqualTo(429);
        }
    }

    @Nested
    @SpringBootTest(classes = {GatewayApplication.class, StoppedClock.class},
            webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
            properties = {"spring.config.name=" + GatewayApplication.NAME,
                    "iecmh.gateway.public-requests-per-minute=" + LIMIT, "iecmh.gateway.trusted-proxies=1"})
    class ClientsBehindOneLoadBalancer {

        @LocalServerPort
        int port;

        @Test
        void theClientIsTheAddressTheLoadBalancerSawWhateverTheClientWroteBeforeIt() throws Exception {
            // The load balancer appends the address it saw; what stands before it is the client's own claim.
            for (int i = 0; i < LIMIT; i++) {
                assertThat(registry(port, Map.of("X-Forwarded-For", "198.51.100." + i + ", 203.0.113.7"))
                        .statusCode()).isEqualTo(200);
            }

            assertThat(registry(port, Map.of("X-Forwarded-For", "198.51.100.99, 203.0.113.7")).statusCode())
                    .isEqualTo(429);
            assertThat(registry(port, Map.of("X-Forwarded-For", "203.0.113.7")).statusCode()).isEqualTo(429);
            // Another client behind the same load balancer has a window of its own.
            assertThat(registry(port, Map.of("X-Forwarded-For", "203.0.113.8")).statusCode()).isEqualTo(200);
        }
    }

    /**
     * Gateway instances behind one load balancer share the counts in the gateway's database: together they allow a
     * client the limit once, not once each; a database that is away never holds or refuses a public request.
     */
    @Nested
    class GatewaysSharingTheirDatabase {

        private final String database = RealInfrastructure.postgres().createDatabase("gateway counts");
        private final List<ConfigurableApplicationContext> gateways = new ArrayList<>();

        @AfterEach
        void stopGateways() {
            gateways.forEach(ConfigurableApplicationContext::close);
        }

        @Test
        void twoInstancesTogetherAllowAClientTheLimitOnce() throws Exception {
            int first = gateway(RealInfrastructure.postgres().jdbcUrl(database));
            int second = gateway(RealInfrastructure.postgres().jdbcUrl(database));
            for (int i = 0; i < LIMIT; i++) {
                assertThat(registry(i % 2 == 0 ? first : second, Map.of()).statusCode()).as("request " + (i + 1))
                        .isEqualTo(200);
            }

            assertThat(registry(first, Map.of()).statusCode()).isEqualTo(429);
            assertThat(registry(second, Map.of()).statusCode()).isEqualTo(429);
            CLOCK.advance(Duration.ofSeconds(45));
            assertThat(registry(second, Map.of()).statusCode()).as("a new minute").isEqualTo(200);
            // The first request of the new minute deletes the counts of the minutes before it.
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(countedMinutes(database))
                    .containsExactly(CLOCK.millis() / 60_000));
        }

        @Test
        void anInstanceWhoseDatabaseIsAwayServesAndLimitsAloneMeanwhile() throws Exception {
            int alone = gateway("jdbc:postgresql://localhost:" + closedPort() + "/gateway");
            for (int i = 0; i < LIMIT; i++) {
                assertThat(registry(alone, Map.of()).statusCode()).as("request " + (i + 1)).isEqualTo(200);
            }

            assertThat(registry(alone, Map.of()).statusCode()).isEqualTo(429);
        }

        private int gateway(String jdbcUrl) {
            ConfigurableApplicationContext gateway = new SpringApplicationBuilder(GatewayApplication.class,
                    StoppedClock.class, OwnNettyResources.class).run(
                    "--spring.config.name=" + GatewayApplication.NAME, "--server.port=0",
                    "--iecmh.gateway.public-requests-per-minute=" + LIMIT,
                    "--iecmh.gateway.shared-counts.url=" + jdbcUrl,
                    "--iecmh.gateway.shared-counts.username=" + RealInfrastructure.postgres().username(),
                    "--iecmh.gateway.shared-counts.password=" + RealInfrastructure.postgres().password(),
                    "--" + RealInfrastructureProperties.ISSUER_URI + "=" + LocalIssuer.instance().issuerUri(),
                    "--iecmh.routes.application-service=" + serviceUrl(),
                    "--iecmh.routes.renewal-service=" + serviceUrl(),
                    "--iecmh.routes.payment-service=" + serviceUrl(),
                    "--iecmh.routes.registry-service=" + serviceUrl(),
                    "--iecmh.routes.association-service=" + serviceUrl());
            gateways.add(gateway);
            return ((WebServerApplicationContext) gateway).getWebServer().getPort();
        }

        private static String serviceUrl() {
            return "http://localhost:" + SERVICE.getAddress().getPort();
        }

        private static List<Long> countedMinutes(String database) throws SQLException {
            try (Connection connection = DriverManager.getConnection(RealInfrastructure.postgres().jdbcUrl(database),
                    RealInfrastructure.postgres().username(), RealInfrastructure.postgres().password());
                 ResultSet rows = connection.createStatement().executeQuery(
                         "SELECT DISTINCT minute FROM public_request_count ORDER BY minute")) {
                List<Long> minutes = new ArrayList<>();
                while (rows.next()) {
                    minutes.add(rows.getLong(1));
                }
                return minutes;
            }
        }

        private static int closedPort() throws IOException {
            try (ServerSocket socket = new ServerSocket(0)) {
                return socket.getLocalPort();
            }
        }
    }

    private static HttpResponse<String> registry(int port, Map<String, String> headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(
                URI.create("http://localhost:" + port + "/api/registry/endorsees?name=zoe"));
        headers.forEach(request::header);
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> get(int port, String path) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).build(),
                HttpResponse.BodyHandlers.ofString());
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
