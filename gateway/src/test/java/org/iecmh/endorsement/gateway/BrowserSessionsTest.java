package org.iecmh.endorsement.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import org.iecmh.endorsement.testkit.OidcSignIn;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.CookieManager;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The web application's sessions at the gateway, against the platform's real identity provider: a person signs in
 * through the gateway (authorization code with PKCE as the confidential client), the browser holds only the session
 * cookie, calls go with it and the session's CSRF token, the gateway relays the access token and refreshes it when it
 * nears its end (the gateway's clock moved on), and signing out revokes the tokens and ends both sessions. A tool's
 * bearer token keeps working beside it.
 */
@SpringBootTest(classes = {GatewayApplication.class, BrowserSessionsTest.Clocks.class},
        webEnvironment = SpringBootTest.WebEnvironment.DEFINED_PORT,
        properties = "spring.config.name=" + GatewayApplication.NAME)
class BrowserSessionsTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern CSRF_FIELD = Pattern.compile("name=\"_csrf\"[^>]*value=\"([^\"]+)\"");
    private static final Pattern SESSION = Pattern.compile("SESSION=([^;]+)");
    private static final AtomicReference<Map<String, String>> RELAYED = new AtomicReference<>(Map.of());
    private static final HttpServer SERVICE = recordingService();

    @DynamicPropertySource
    static void platform(DynamicPropertyRegistry registry) {
        IdentityProvider identity = IdentityProvider.instance();
        registry.add("server.port", identity::gatewayPort);
        registry.add("spring.security.oauth2.resourceserver.jwt.issuer-uri", identity::issuer);
        registry.add("iecmh.web.issuer", identity::issuer);
        for (String service : List.of("application-service", "renewal-service", "payment-service",
                "registry-service", "association-service")) {
            registry.add("iecmh.routes." + service, () -> "http://localhost:" + SERVICE.getAddress().getPort());
        }
    }

    @AfterAll
    static void stopTheService() {
        SERVICE.stop(0);
    }

    @Autowired
    MovableClock clock;

    /** Each session id the gateway replaced, and the id that replaced it. */
    private final Map<String, String> renamed = new java.util.HashMap<>();

    /** The browser at the provider, which keeps the provider's cookies. */
    private final HttpClient atTheProvider = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .cookieHandler(new CookieManager()).followRedirects(HttpClient.Redirect.NEVER)
            .connectTimeout(Duration.ofSeconds(5)).build();
    /** The browser at the gateway: its Secure session cookie is sent by hand (Java keeps such off plain HTTP). */
    private final HttpClient atTheGateway = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .followRedirects(HttpClient.Redirect.NEVER).connectTimeout(Duration.ofSeconds(5)).build();

    @Test
    void aPersonSignsInThroughTheGatewayAndTheBrowserHoldsOnlyAnHttpOnlySecureSessionCookie() throws Exception {
        HttpResponse<String> start = send(get(gateway("/oauth2/authorization/identity"), null));
        String authorize = location(start);
        String before = sessionOf(start);

        assertThat(start.statusCode()).isEqualTo(302);
        assertThat(authorize).startsWith(IdentityProvider.instance().issuer() + "/oauth2/authorize?")
                .contains("client_id=gateway", "code_challenge=", "code_challenge_method=S256", "scope=openid");
        assertThat(start.headers().allValues("Set-Cookie")).anySatisfy(cookie -> assertThat(cookie)
                .startsWith("SESSION=").containsIgnoringCase("; HttpOnly").contains("; Secure", "; SameSite=Lax"));

        String session = signIn("applicant-ma", start);
        JsonNode who = json(send(get(gateway("/session"), session)));

        assertThat(session).as("a new session id once signed in").isNotEqualTo(before);
        assertThat(who.path("signedIn").asBoolean()).isTrue();
        assertThat(who.path("subject").asText()).isEqualTo("applicant-ma");
        assertThat(who.path("tenants").toString()).isEqualTo("{\"ma\":[\"APPLICANT\"]}");
        assertThat(who.path("csrfToken").asText()).isNotBlank();
        assertThat(who.toString()).doesNotContain(".ey").as("no token reaches the browser");
        assertThat(json(send(get(gateway("/session"), null))).path("signedIn").asBoolean()).isFalse();
    }

    @Test
    void aCallWithTheSessionGoesOnWithItsAccessTokenAndAChangeNeedsTheSessionsCsrfToken() throws Exception {
        String session = signIn("coordinator-ma", send(get(gateway("/oauth2/authorization/identity"), null)));
        String csrf = json(send(get(gateway("/session"), session))).path("csrfToken").asText();

        HttpResponse<String> read = send(get(gateway("/api/applications?status=SUBMITTED"), session));
        String relayed = RELAYED.get().get("authorization");
        HttpResponse<String> forged = send(post(gateway("/api/applications"), session, Map.of()));
        HttpResponse<String> sent = send(post(gateway("/api/applications"), session, Map.of("X-CSRF-TOKEN", csrf)));

        assertThat(read.statusCode()).isEqualTo(200);
        assertThat(relayed).startsWith("Bearer ");
        assertThat(claims(relayed).path("sub").asText()).isEqualTo("coordinator-ma");
        assertThat(RELAYED.get()).containsKey("authorization").doesNotContainKey("cookie");
        assertThat(forged.statusCode()).isEqualTo(403);
        assertThat(forged.body()).contains("CSRF");
        assertThat(sent.statusCode()).isEqualTo(200);
        assertThat(RELAYED.get().get("authorization")).isEqualTo(relayed);
    }

    @Test
    void anAccessTokenNearItsEndIsRefreshedBeforeItIsRelayed() throws Exception {
        String session = signIn("reviewer-ma", send(get(gateway("/oauth2/authorization/identity"), null)));
        send(get(gateway("/api/applications/assigned"), session));
        String first = RELAYED.get().get("authorization");
        Instant firstEnds = Instant.ofEpochSecond(claims(first).path("exp").asLong());

        send(get(gateway("/api/applications/assigned"), session));
        assertThat(RELAYED.get().get("authorization")).as("still valid: the same token").isEqualTo(first);

        String refreshed;
        try {
            clock.moveTo(firstEnds.minusSeconds(30));
            send(get(gateway("/api/applications/assigned"), session));
            refreshed = RELAYED.get().get("authorization");
        } finally {
            clock.moveTo(null);
        }
        JsonNode who = json(send(get(gateway("/session"), session)));
        send(get(gateway("/api/applications/assigned"), session));

        assertThat(refreshed).isNotEqualTo(first);
        assertThat(claims(refreshed).path("sub").asText()).isEqualTo("reviewer-ma");
        assertThat(Instant.ofEpochSecond(claims(refreshed).path("exp").asLong())).isAfterOrEqualTo(firstEnds);
        assertThat(who.path("signedIn").asBoolean()).isTrue();
        assertThat(RELAYED.get().get("authorization")).as("the refreshed token, kept in the session").isEqualTo(refreshed);
        assertThat(introspect(refreshed.substring("Bearer ".length())).path("active").asBoolean()).isTrue();

        // Signing out after a refresh names the provider's latest ID token, which the provider takes.
        HttpResponse<String> signedOut = send(HttpRequest.newBuilder(URI.create(gateway("/logout")))
                .header("Cookie", "SESSION=" + session).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("_csrf=" + URLEncoder.encode(
                        who.path("csrfToken").asText(), StandardCharsets.UTF_8))).build());
        HttpResponse<String> providerSignedOut = send(page(location(signedOut)));
        assertThat(providerSignedOut.statusCode()).as(providerSignedOut.body()).isEqualTo(302);
        assertThat(location(providerSignedOut)).isEqualTo(gateway("/"));
    }

    @Test
    void signingOutRevokesTheTokensAndEndsTheGatewaysSessionAndTheProviders() throws Exception {
        String session = signIn("auditor-ma", send(get(gateway("/oauth2/authorization/identity"), null)));
        String csrf = json(send(get(gateway("/session"), session))).path("csrfToken").asText();
        send(get(gateway("/api/audit/applications/app-1/events"), session));
        String accessToken = RELAYED.get().get("authorization").substring("Bearer ".length());
        assertThat(introspect(accessToken).path("active").asBoolean()).isTrue();

        HttpResponse<String> signedOut = send(HttpRequest.newBuilder(URI.create(gateway("/logout")))
                .header("Cookie", "SESSION=" + session)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("_csrf=" + URLEncoder.encode(csrf, StandardCharsets.UTF_8)))
                .build());

        assertThat(signedOut.statusCode()).isEqualTo(302);
        assertThat(location(signedOut)).startsWith(IdentityProvider.instance().issuer() + "/connect/logout?");
        assertThat(java.net.URLDecoder.decode(location(signedOut), StandardCharsets.UTF_8))
                .contains("id_token_hint=", "post_logout_redirect_uri=" + gateway("/"));
        assertThat(introspect(accessToken).path("active").asBoolean()).as("revoked").isFalse();
        assertThat(json(send(get(gateway("/session"), session))).path("signedIn").asBoolean()).isFalse();
        assertThat(send(get(gateway("/api/audit/applications/app-1/events"), session)).statusCode()).isEqualTo(401);
    }

    @Test
    void aToolsBearerTokenIsRelayedAsItIsAndNeedsNoCsrfToken() throws Exception {
        String token = new OidcSignIn(IdentityProvider.instance().issuer(), "cli", "http://127.0.0.1:8400/callback")
                .accessToken("coordinator-wa", "demo");

        HttpResponse<String> sent = send(HttpRequest.newBuilder(URI.create(gateway("/api/applications")))
                .header("Authorization", "Bearer " + token).header("X-Tenant-Id", "wa")
                .POST(HttpRequest.BodyPublishers.noBody()).build());
        HttpResponse<String> forged = send(HttpRequest.newBuilder(URI.create(gateway("/api/applications")))
                .header("Authorization", "Bearer " + token + "x").GET().build());

        assertThat(sent.statusCode()).isEqualTo(200);
        assertThat(RELAYED.get().get("authorization")).isEqualTo("Bearer " + token);
        assertThat(forged.statusCode()).isEqualTo(401);
    }

    /**
     * Follows a sign-in from the gateway's redirect through the provider's login form and back to the gateway's
     * callback; answers the session the gateway keeps for the browser afterwards.
     */
    private String signIn(String user, HttpResponse<String> start) throws Exception {
        String session = sessionOf(start);
        HttpResponse<String> asked = send(page(location(start)));
        if (location(asked).endsWith("/login")) {
            HttpResponse<String> form = send(page(location(asked)));
            Matcher csrf = CSRF_FIELD.matcher(form.body());
            assertThat(csrf.find()).as("the provider's login form").isTrue();
            HttpResponse<String> loggedIn = send(HttpRequest.newBuilder(URI.create(location(asked)))
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString(Map.of("username", user, "password", "demo",
                                    "_csrf", csrf.group(1)).entrySet().stream()
                            .map(field -> field.getKey() + "=" + URLEncoder.encode(field.getValue(),
                                    StandardCharsets.UTF_8))
                            .collect(Collectors.joining("&")))).build());
            asked = send(page(location(loggedIn)));
        }
        String callback = location(asked);
        assertThat(callback).startsWith(gateway("/login/oauth2/code/identity?code="));
        HttpResponse<String> back = send(get(callback, session));
        assertThat(back.statusCode()).isEqualTo(302);
        assertThat(location(back)).endsWith("/signin.html?signedIn");
        return sessionOf(back);
    }

    private JsonNode introspect(String token) throws Exception {
        return json(send(HttpRequest.newBuilder(URI.create(IdentityProvider.instance().issuer() + "/oauth2/introspect"))
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString(
                        "gateway:local-gateway-secret".getBytes(StandardCharsets.UTF_8)))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("token=" + token)).build()));
    }

    private static JsonNode claims(String authorization) throws IOException {
        String jwt = authorization.substring("Bearer ".length());
        return JSON.readTree(Base64.getUrlDecoder().decode(jwt.split("\\.")[1]));
    }

    private static String gateway(String path) {
        return "http://localhost:" + IdentityProvider.instance().gatewayPort() + path;
    }

    private static HttpRequest get(String url, String session) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).header("Accept", "application/json");
        if (session != null) {
            request.header("Cookie", "SESSION=" + session);
        }
        return request.GET().build();
    }

    /** A page of the provider, as a browser asks for it. */
    private static HttpRequest page(String url) {
        return HttpRequest.newBuilder(URI.create(url)).header("Accept", "text/html").GET().build();
    }

    private static HttpRequest post(String url, String session, Map<String, String> headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).header("Cookie", "SESSION=" + session)
                .header("X-Tenant-Id", "ma");
        headers.forEach(request::header);
        return request.POST(HttpRequest.BodyPublishers.noBody()).build();
    }

    /**
     * Sends as the browser does, which takes a new session id whenever the gateway sets one (it does on signing in and
     * when it makes the session's CSRF token): a request naming the session the test holds goes with its latest id.
     */
    private HttpResponse<String> send(HttpRequest request) throws Exception {
        boolean gateway = request.uri().getPort() == IdentityProvider.instance().gatewayPort();
        HttpRequest sent = request;
        String named = request.headers().firstValue("Cookie").map(SESSION::matcher).filter(Matcher::find)
                .map(found -> found.group(1)).orElse(null);
        if (named != null && renamed.containsKey(named)) {
            HttpRequest.Builder copy = HttpRequest.newBuilder(request, (name, value) -> !name.equalsIgnoreCase("Cookie"));
            sent = copy.header("Cookie", "SESSION=" + latest(named)).build();
        }
        HttpResponse<String> response = (gateway ? atTheGateway : atTheProvider).send(sent,
                HttpResponse.BodyHandlers.ofString());
        String set = response.headers().allValues("Set-Cookie").stream().map(SESSION::matcher).filter(Matcher::find)
                .map(found -> found.group(1)).reduce((first, last) -> last).orElse(null);
        if (named != null && set != null) {
            renamed.put(latest(named), set);
        }
        return response;
    }

    private String latest(String session) {
        String id = session;
        while (renamed.containsKey(id)) {
            id = renamed.get(id);
        }
        return id;
    }

    private static JsonNode json(HttpResponse<String> response) throws IOException {
        return JSON.readTree(response.body());
    }

    private static String location(HttpResponse<String> response) {
        String location = response.headers().firstValue("Location").orElseThrow(() -> new AssertionError(
                "No redirect: " + response.statusCode() + " " + response.body()));
        return location.startsWith("/") ? URI.create(response.uri().toString()).resolve(location).toString() : location;
    }

    private static String sessionOf(HttpResponse<String> response) {
        return response.headers().allValues("Set-Cookie").stream().map(SESSION::matcher).filter(Matcher::find)
                .map(found -> found.group(1)).reduce((first, last) -> last)
                .orElseGet(() -> {
                    String sent = response.request().headers().firstValue("Cookie").orElse("");
                    Matcher found = SESSION.matcher(sent);
                    return found.find() ? found.group(1) : null;
                });
    }

    /** Every service: answers 200 and records the headers the gateway sent it. */
    private static HttpServer recordingService() {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress("localhost", 0), 0);
            server.createContext("/", exchange -> {
                RELAYED.set(exchange.getRequestHeaders().entrySet().stream().collect(Collectors.toMap(
                        header -> header.getKey().toLowerCase(), header -> header.getValue().get(0))));
                byte[] body = "{}".getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().add("Content-Type", "application/json");
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

    @TestConfiguration
    static class Clocks {

        @Bean
        MovableClock gatewayClock() {
            return new MovableClock();
        }
    }

    /** The gateway's clock, which a test moves on to bring a token near its end, and puts back. */
    static final class MovableClock extends Clock {

        private volatile Instant at;

        void moveTo(Instant instant) {
            at = instant;
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            Instant moved = at;
            return moved == null ? Instant.now() : moved;
        }
    }
}
