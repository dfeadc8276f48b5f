package org.iecmh.endorsement.gateway;

import com.sun.net.httpserver.HttpServer;
import org.iecmh.endorsement.testkit.ApiClient;
import org.iecmh.endorsement.testkit.ApiClient.Response;
import org.iecmh.endorsement.testkit.LocalIssuer;
import org.iecmh.endorsement.testkit.RealInfrastructureProperties;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The gateway in front of four real HTTP servers, one per service, each answering with what it received; tokens come
 * from the test JVM's real issuer.
 */
@SpringBootTest(classes = GatewayApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "spring.config.name=" + GatewayApplication.NAME)
class GatewayTest {

    private static final Map<String, HttpServer> SERVICES = Map.of(
            "application-service", echo("application-service"),
            "renewal-service", echo("renewal-service"),
            "payment-service", echo("payment-service"),
            "registry-service", echo("registry-service"),
            "association-service", echo("association-service"));

    @DynamicPropertySource
    static void routes(DynamicPropertyRegistry registry) {
        SERVICES.forEach((name, server) -> registry.add("iecmh.routes." + name,
                () -> "http://localhost:" + server.getAddress().getPort()));
        registry.add(RealInfrastructureProperties.ISSUER_URI, () -> LocalIssuer.instance().issuerUri());
    }

    @AfterAll
    static void stopServices() {
        SERVICES.values().forEach(server -> server.stop(0));
    }

    @LocalServerPort
    int port;

    @Test
    void eachApiGoesToTheServiceThatOwnsItWithPathQueryAndTheSameToken() {
        ApiClient client = ApiClient.onPort(port).as("ma", "applicant-1", "APPLICANT");
        String relayed = " token=" + client.identityHeaders().get("Authorization").hashCode();

        assertThat(client.get("/api/applications/app-1").text())
                .isEqualTo("application-service GET /api/applications/app-1 tenant=ma" + relayed);
        assertThat(client.post("/api/payments/invoices/INV-1/payments", Map.of("amountCents", 1)).text())
                .isEqualTo("payment-service POST /api/payments/invoices/INV-1/payments tenant=ma" + relayed);
        assertThat(client.get("/api/endorsements/MA-000001").text())
                .isEqualTo("renewal-service GET /api/endorsements/MA-000001 tenant=ma" + relayed);
        assertThat(ApiClient.onPort(port).get("/api/registry/endorsees?name=zoe").text())
                .isEqualTo("registry-service GET /api/registry/endorsees?name=zoe tenant=null token=none");
        assertThat(client.get("/api/associations/ma").text())
                .isEqualTo("association-service GET /api/associations/ma tenant=ma" + relayed);
    }

    @Test
    void theListOfAssociationsIsPublicButEachRecordNeedsAToken() {
        assertThat(ApiClient.onPort(port).get("/api/associations").text())
                .isEqualTo("association-service GET /api/associations tenant=null token=none");
        assertThat(ApiClient.onPort(port).get("/api/associations/ma").status()).isEqualTo(401);
    }

    @Test
    void theGatewayChecksTokensWithADecoderThatRemembersVerifiedOnes(@Autowired ReactiveJwtDecoder decoder) {
        assertThat(decoder).isInstanceOf(VerifiedTokens.Remembering.class);
        ApiClient client = ApiClient.onPort(port).as("ma", "applicant-2", "APPLICANT");
        assertThat(client.get("/api/applications/app-2").status()).isEqualTo(200);
        assertThat(client.get("/api/applications/app-2").status()).isEqualTo(200);
    }

    @Test
    void theAuditApiOfEachKindGoesToTheServiceThatOwnsTheKind() {
        ApiClient auditor = ApiClient.onPort(port).as("ma", "auditor-ma", "AUDITOR");
        String relayed = " token=" + auditor.identityHeaders().get("Authorization").hashCode();

        assertThat(auditor.get("/api/audit/applications/app-1/events?page=1").text())
                .isEqualTo("application-service GET /api/audit/applications/app-1/events?page=1 tenant=ma" + relayed);
        assertThat(auditor.get("/api/audit/endorsements/MA-000001/verification").text())
                .isEqualTo("renewal-service GET /api/audit/endorsements/MA-000001/verification tenant=ma" + relayed);
        assertThat(auditor.get("/api/audit/invoices/people/p-1/events").text())
                .isEqualTo("payment-service GET /api/audit/invoices/people/p-1/events tenant=ma" + relayed);
        assertThat(auditor.get("/api/audit/associations/ma/events").text())
                .isEqualTo("association-service GET /api/audit/associations/ma/events tenant=ma" + relayed);
        assertThat(auditor.get("/api/audit/registry/anything/events").status()).isEqualTo(404);
    }

    @Test
    void aRoutedRequestCarriesTheTraceToTheService() throws Exception {
        HttpResponse<String> routed = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://localhost:" + port + "/api/registry/endorsees?name=zoe")).build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(routed.statusCode()).isEqualTo(200);
        assertThat(routed.headers().firstValue("X-Echoed-Traceparent"))
                .hasValueSatisfying(traceparent -> assertThat(traceparent).matches("00-[0-9a-f]{32}-[0-9a-f]{16}-0[01]"));
    }

    @Test
    void aPathNoServiceOwnsIsNotFoundForASignedInCaller() {
        ApiClient signedIn = ApiClient.onPort(port).as("ma", "applicant-1", "APPLICANT");

        assertThat(signedIn.get("/api/unknown").status()).isEqualTo(404);
        assertThat(signedIn.get("/internal/applications").status()).isEqualTo(404);
        assertThat(ApiClient.onPort(port).get("/api/unknown").status()).isEqualTo(401);
    }

    @Test
    void withoutATokenOnlyThePublicPathsAnswer() {
        ApiClient anonymous = ApiClient.onPort(port);

        Response refused = anonymous.get("/api/applications/app-1");
        assertThat(refused.status()).isEqualTo(401);
        assertThat(refused.contentType()).startsWith("application/problem+json");
        assertThat(refused.at("/type")).isEqualTo("urn:iecmh:problem:unidentified-caller");
        assertThat(anonymous.get("/api/registry/admin/rebuilds/r-1").status()).isEqualTo(401);
        assertThat(anonymous.post("/api/payments/card-webhooks", "{}").text())
                .isEqualTo("payment-service POST /api/payments/card-webhooks tenant=null token=none");
        assertThat(anonymous.get("/api/references/s3cret").text())
                .isEqualTo("application-service GET /api/references/s3cret tenant=null token=none");
        assertThat(anonymous.get("/api/supervision-confirmations/s3cret").text())
                .isEqualTo("application-service GET /api/supervision-confirmations/s3cret tenant=null token=none");
    }

    @Test
    void theAccessLogNeverHoldsTheSecretOfARatersLink() {
        assertThat(RequestIds.loggable("/api/references/AbC-123_x")).isEqualTo("/api/references/***");
        assertThat(RequestIds.loggable("/api/references/AbC-123_x/more")).isEqualTo("/api/references/***/more");
        assertThat(RequestIds.loggable("/api/supervision-confirmations/AbC-123_x"))
                .isEqualTo("/api/supervision-confirmations/***");
        assertThat(RequestIds.loggable("/api/applications/app-1")).isEqualTo("/api/applications/app-1");
    }

    @Test
    void forgedTokensNeverReachAService() {
        LocalIssuer issuer = LocalIssuer.instance();
        Map<String, String> forged = Map.of(
                "another key", issuer.tokenSignedByAnotherKey("ma", "coordinator-1", "COORDINATOR"),
                "alg none", issuer.unsignedToken("ma", "coordinator-1", "COORDINATOR"),
                "an ID token, not an access token", issuer.idToken("ma", "coordinator-1", "COORDINATOR"),
                "another issuer", issuer.token("ma", "coordinator-1", "COORDINATOR",
                        claims -> claims.issuer("https://issuer.example.org")),
                "expired", issuer.token("ma", "coordinator-1", "COORDINATOR", claims -> claims
                        .issueTime(Date.from(Instant.now().minus(Duration.ofHours(2))))
                        .expirationTime(Date.from(Instant.now().minus(Duration.ofHours(1))))));

        forged.forEach((how, token) -> {
            Response response = ApiClient.onPort(port).withToken(token).get("/api/applications/app-1");
            assertThat(response.status()).as(how).isEqualTo(401);
            assertThat(response.text()).as(how).doesNotContain("application-service");
            // A forged token is refused on a public path too, rather than silently ignored.
            assertThat(ApiClient.onPort(port).withToken(token).get("/api/registry/endorsees").status())
                    .as(how).isEqualTo(401);
        });
    }

    @Test
    void everyAnswerCarriesARequestIdAndSecurityHeaders() throws Exception {
        HttpResponse<String> answer = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create("http://localhost:" + port + "/api/registry/endorsees"))
                .header("X-Request-Id", "req-123").build(), HttpResponse.BodyHandlers.ofString());
        HttpResponse<String> fresh = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://localhost:" + port + "/api/applications/app-1")).build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(answer.headers().firstValue("X-Request-Id")).hasValue("req-123");
        assertThat(answer.body()).endsWith("request=req-123");
        assertThat(fresh.headers().firstValue("X-Request-Id")).hasValueSatisfying(
                id -> assertThat(UUID.fromString(id)).isNotNull());
        assertThat(fresh.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
        assertThat(fresh.headers().firstValue("X-Frame-Options")).hasValue("DENY");
        assertThat(fresh.headers().firstValue("Content-Security-Policy")).hasValueSatisfying(
                csp -> assertThat(csp).contains("frame-ancestors 'none'"));
        assertThat(fresh.headers().firstValue("Referrer-Policy")).hasValue("no-referrer");
    }

    @Test
    void theWebApplicationIsServedWithoutATokenAndMayLoadOnlyFromTheGateway() throws Exception {
        // HTTP/1.1, as browsers speak it to a plain-http server, each request with a time limit.
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        for (String page : new String[] {"/", "/index.html", "/verify.html", "/signin.html", "/pay.html",
                "/association.html", "/import.html", "/claim.html"}) {
            HttpResponse<String> answer = http.send(HttpRequest.newBuilder(
                    URI.create("http://localhost:" + port + page))
                    .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(answer.statusCode()).as(page).isEqualTo(200);
            assertThat(answer.headers().firstValue("Content-Type")).as(page).hasValueSatisfying(
                    type -> assertThat(type).startsWith("text/html"));
            assertThat(answer.body()).as(page).contains("<html lang=\"en\">").doesNotContain("<script>")
                    .doesNotContain("style=");
            assertThat(answer.headers().firstValue("Content-Security-Policy")).as(page).hasValueSatisfying(csp ->
                    assertThat(csp).contains("default-src 'self'", "frame-ancestors 'none'", "object-src 'none'")
                            .doesNotContain("unsafe-inline", "unsafe-eval"));
            assertThat(answer.headers().firstValue("X-Content-Type-Options")).as(page).hasValue("nosniff");
            // No other site learns where a reader came from; the sign-out form's post names the page's own origin.
            assertThat(answer.headers().firstValue("Referrer-Policy")).as(page).hasValue("same-origin");
        }
        // HEAD is let through like GET (WebFlux's welcome page answers GET only, so "/" is left out).
        assertThat(http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/verify.html"))
                .timeout(Duration.ofSeconds(10)).method("HEAD", HttpRequest.BodyPublishers.noBody()).build(),
                HttpResponse.BodyHandlers.discarding()).statusCode()).isEqualTo(200);
        for (String file : new String[] {"/css/site.css", "/js/i18n.js", "/js/search.js", "/js/verify.js",
                "/js/api.js", "/js/auth.js", "/js/drafts.js", "/js/shell.js", "/js/signin.js", "/js/pay.js", "/i18n/en.json",
                "/i18n/es.json", "/i18n/pay.en.json", "/i18n/pay.es.json", "/favicon.svg"}) {
            assertThat(http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + file))
                    .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.discarding()).statusCode())
                    .as(file).isEqualTo(200);
        }
        // The import page's example file is the one the README shows.
        HttpResponse<String> example = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port
                + "/examples/endorsee-import-example.csv")).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(example.statusCode()).isEqualTo(200);
        assertThat(example.body()).isEqualTo(Files.readString(
                Path.of("../docs/endorsee-import-example.csv")));
        // The API keeps its own policy: an answer of the API loads nothing.
        HttpResponse<String> api = http.send(HttpRequest.newBuilder(
                URI.create("http://localhost:" + port + "/api/registry/endorsees?name=zoe")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(api.headers().firstValue("Content-Security-Policy")).hasValueSatisfying(
                csp -> assertThat(csp).startsWith("default-src 'none'"));
        assertThat(ApiClient.onPort(port).get("/api/applications/app-1").status()).isEqualTo(401);
    }

    @Test
    void thePagesMayCallTheGatewayOnlyAndPostFormsToItAndToTheProvidersSignOut() throws Exception {
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        HttpResponse<String> config = http.send(HttpRequest.newBuilder(
                URI.create("http://localhost:" + port + "/web-config.json")).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString());
        String issuer = LocalIssuer.instance().issuerUri();
        Response read = ApiClient.onPort(port).get("/web-config.json");

        assertThat(config.statusCode()).isEqualTo(200);
        assertThat(read.body().has("issuer")).isFalse();
        assertThat(read.body().path("card").isNull()).isTrue();
        assertThat(config.headers().firstValue("Content-Security-Policy")).hasValueSatisfying(csp -> assertThat(csp)
                .contains("connect-src 'self';", "script-src 'self';", "frame-src 'none'",
                        "form-action 'self' " + WebApplicationSettings.origin(issuer) + ";"));
    }

    @Test
    void whereCardsAreOfferedThePagesMayLoadTheProcessorsLibraryAndNothingElseNew() {
        WebApplicationSettings settings = new WebApplicationSettings("https://id.example.org/realms/ma/", "gateway",
                "secret", Duration.ofSeconds(60), "tenants",
                new WebApplicationSettings.Card("pk_test_1", "https://js.stripe.com/v3/",
                        java.util.List.of("https://js.stripe.com", "https://api.stripe.com")));

        assertThat(settings.issuer()).isEqualTo("https://id.example.org/realms/ma");
        assertThat(settings.contentSecurityPolicy()).isEqualTo("default-src 'self'; "
                + "script-src 'self' https://js.stripe.com https://api.stripe.com; "
                + "connect-src 'self' https://js.stripe.com https://api.stripe.com; "
                + "frame-src https://js.stripe.com https://api.stripe.com; img-src 'self' data:; object-src 'none'; "
                + "base-uri 'none'; form-action 'self' https://id.example.org; frame-ancestors 'none'");
    }

    @Test
    void theWebUiOriginMayCallFromABrowserAndOthersMayNot() throws Exception {
        HttpResponse<String> allowed = preflight("http://localhost:5173");
        HttpResponse<String> other = preflight("https://evil.example");

        assertThat(allowed.statusCode()).isEqualTo(200);
        assertThat(allowed.headers().firstValue("Access-Control-Allow-Origin")).hasValue("http://localhost:5173");
        assertThat(allowed.headers().firstValue("Access-Control-Allow-Headers")).hasValueSatisfying(
                headers -> assertThat(headers.toLowerCase()).contains("authorization", "x-tenant-id"));
        assertThat(other.statusCode()).isEqualTo(403);
        assertThat(other.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
    }

    private HttpResponse<String> preflight(String origin) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create("http://localhost:" + port + "/api/applications"))
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody())
                .header("Origin", origin)
                .header("Access-Control-Request-Method", "POST")
                .header("Access-Control-Request-Headers", "authorization,x-tenant-id,content-type")
                .build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void theReadinessProbeAnswersUp() {
        Response readiness = ApiClient.onPort(port).get("/actuator/health/readiness");

        assertThat(readiness.status()).isEqualTo(200);
        assertThat(readiness.at("/status")).isEqualTo("UP");
    }

    @Test
    void livenessAnswersUpAndPrometheusScrapesWithoutAToken() throws Exception {
        assertThat(ApiClient.onPort(port).get("/actuator/health/liveness").status()).isEqualTo(200);

        HttpResponse<String> scrape = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://localhost:" + port + "/actuator/prometheus")).build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(scrape.statusCode()).isEqualTo(200);
        assertThat(scrape.body()).contains("jvm_memory_used_bytes");
    }

    /**
     * A request that arrives on a kept-alive connection while the one before it is still being answered (a page is
     * written off the event loop) is answered after it, and the connection goes on reading the requests after that:
     * a browser loading a page's files one after another on one connection never waits for an answer that does not
     * come. Each round sends a page and a small file in one write, as a browser may when it has the page's answer
     * before the gateway has finished with it, then one more request alone.
     */
    @Test
    void aKeptAliveConnectionAnswersEveryRequestEvenOnesThatArriveWhileTheOneBeforeIsAnswered() throws Exception {
        try (Socket socket = new Socket("localhost", port)) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            InputStream in = new BufferedInputStream(socket.getInputStream());
            for (int round = 1; round <= 20; round++) {
                out.write((request("/") + request("/web-config.json")).getBytes(StandardCharsets.US_ASCII));
                out.flush();
                assertThat(statusOf(in)).as("round %d, the page", round).isEqualTo(200);
                assertThat(statusOf(in)).as("round %d, the file sent with it", round).isEqualTo(200);

                out.write(request("/web-config.json").getBytes(StandardCharsets.US_ASCII));
                out.flush();
                assertThat(statusOf(in)).as("round %d, the request after them", round).isEqualTo(200);
            }
        }
    }

    private String request(String path) {
        return "GET " + path + " HTTP/1.1\r\nHost: localhost:" + port + "\r\nAccept: */*\r\n\r\n";
    }

    /** Reads one whole HTTP/1.1 answer (its body sized by Content-Length or chunked) and returns its status. */
    private static int statusOf(InputStream in) throws IOException {
        String status = line(in);
        long length = 0;
        boolean chunked = false;
        for (String header = line(in); !header.isEmpty(); header = line(in)) {
            String name = header.substring(0, header.indexOf(':')).trim();
            String value = header.substring(header.indexOf(':') + 1).trim();
            if (name.equalsIgnoreCase("Content-Length")) {
                length = Long.parseLong(value);
            } else if (name.equalsIgnoreCase("Transfer-Encoding") && value.equalsIgnoreCase("chunked")) {
                chunked = true;
            }
        }
        if (!chunked) {
            in.skipNBytes(length);
        } else {
            for (long chunk = Long.parseLong(line(in).split(";")[0], 16); chunk > 0;
                 chunk = Long.parseLong(line(in).split(";")[0], 16)) {
                in.skipNBytes(chunk + 2);
            }
            while (!line(in).isEmpty()) {
                // trailers
            }
        }
        return Integer.parseInt(status.split(" ")[1]);
    }

    private static String line(InputStream in) throws IOException {
        StringBuilder line = new StringBuilder();
        for (int b = in.read(); b != '\n'; b = in.read()) {
            if (b < 0) {
                throw new EOFException("the connection ended after: " + line);
            }
            if (b != '\r') {
                line.append((char) b);
            }
        }
        return line.toString();
    }

    private static HttpServer echo(String name) {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress("localhost", 0), 0);
            server.createContext("/", exchange -> {
                String authorization = exchange.getRequestHeaders().getFirst("Authorization");
                String requestId = exchange.getRequestHeaders().getFirst("X-Request-Id");
                byte[] body = (name + " " + exchange.getRequestMethod() + " " + exchange.getRequestURI()
                        + " tenant=" + exchange.getRequestHeaders().getFirst("X-Tenant-Id")
                        + " token=" + (authorization == null ? "none" : authorization.hashCode())
                        + ("req-123".equals(requestId) ? " request=" + requestId : ""))
                        .getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().add("Content-Type", "text/plain");
                String traceparent = exchange.getRequestHeaders().getFirst("traceparent");
                if (traceparent != null) {
                    exchange.getResponseHeaders().add("X-Echoed-Traceparent", traceparent);
                }
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
