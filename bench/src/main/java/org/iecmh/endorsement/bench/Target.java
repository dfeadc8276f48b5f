package org.iecmh.endorsement.bench;

import java.io.IOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The running local platform as the benchmark reaches it: the gateway and each service over HTTP/1.1 (as the test-kit
 * and browsers speak to it) with tokens of the local identity provider's demo users, its PostgreSQL server over JDBC
 * and its Kafka broker. Addresses are the local platform's fixed ports; {@code -Dbench.host} names another host.
 */
final class Target {

    /** An answer: the status (or {@link #TIMEOUT}, {@link #NO_ANSWER}), the body and how long it took. */
    record Answer(int status, String body, long nanos) {

        boolean ok() {
            return status >= 200 && status < 300;
        }

        /** A 5xx or no answer in time: what a stalled service looks like from outside. */
        boolean stall() {
            return status >= 500 || status == TIMEOUT || status == NO_ANSWER;
        }
    }

    static final int TIMEOUT = -1;
    static final int NO_ANSWER = -2;

    static final int GATEWAY = 8080;
    static final int APPLICATION_SERVICE = 8081;
    static final int RENEWAL_SERVICE = 8082;
    static final int PAYMENT_SERVICE = 8083;
    static final int REGISTRY_SERVICE = 8084;
    static final int IDENTITY = 9000;
    static final int POSTGRES = 15432;
    static final int KAFKA = 19092;

    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(
            Long.getLong("bench.request-timeout-seconds", 15));
    /** Tokens last 30 minutes on the local provider; a run takes longer, so each is renewed well before. */
    private static final Duration TOKEN_REUSE = Duration.ofMinutes(20);
    private static final Pattern CSRF = Pattern.compile("name=\"_csrf\"[^>]*value=\"([^\"]+)\"");
    private static final Pattern CODE = Pattern.compile("[?&]code=([^&]+)");

    private final String host = System.getProperty("bench.host", "localhost");
    private final String kafkaPrefix = System.getProperty("bench.kafka-prefix", "");
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private final Map<String, Token> tokens = new ConcurrentHashMap<>();

    private record Token(String value, long signedInAt) {
    }

    String url(int port, String path) {
        return "http://" + host + ":" + port + path;
    }

    String kafkaBootstrap() {
        return host + ":" + KAFKA;
    }

    /** A deployed topic's name: the contracts' name under the platform's prefix ({@code iecmh.kafka.prefix}). */
    String topic(String name) {
        return kafkaPrefix + name;
    }

    String consumerGroup(String service) {
        return kafkaPrefix + service;
    }

    Connection database(String name) throws SQLException {
        return DriverManager.getConnection("jdbc:postgresql://" + host + ":" + POSTGRES + "/" + name,
                "postgres", "postgres");
    }

    /** Whether the service on {@code port} says it is ready. */
    boolean ready(int port) {
        return get(url(port, "/actuator/health/readiness"), Map.of()).status() == 200;
    }

    /**
     * Waits, at most {@code limit}, until the identity provider, every service and the gateway say they are ready
     * (readiness includes the database: a service whose connection pool is exhausted is not); answers the seconds it
     * waited, or NaN if they were not ready by then. After a stall, so that one measurement's aftermath does not
     * become the next one's figure.
     */
    double awaitReady(Duration limit) throws InterruptedException {
        long start = System.nanoTime();
        long deadline = start + limit.toNanos();
        for (int port : new int[]{IDENTITY, APPLICATION_SERVICE, RENEWAL_SERVICE, PAYMENT_SERVICE, REGISTRY_SERVICE,
                GATEWAY}) {
            while (!ready(port)) {
                if (System.nanoTime() > deadline) {
                    return Double.NaN;
                }
                Thread.sleep(500);
            }
        }
        return (System.nanoTime() - start) / 1e9;
    }

    Answer get(String url, Map<String, String> headers) {
        return send(HttpRequest.newBuilder(URI.create(url)).GET(), headers);
    }

    Answer post(String url, Map<String, String> headers, String json) {
        Map<String, String> all = new LinkedHashMap<>(headers);
        all.put("Content-Type", "application/json");
        return send(HttpRequest.newBuilder(URI.create(url)).POST(json == null
                ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json)), all);
    }

    /** The headers of a demo user acting in a tenant: a bearer token from the identity provider and the tenant. */
    Map<String, String> as(String user, String tenant) {
        return Map.of("Authorization", "Bearer " + token(user), "X-Tenant-Id", tenant);
    }

    private Answer send(HttpRequest.Builder request, Map<String, String> headers) {
        headers.forEach(request::header);
        request.header("Accept", "application/json, application/problem+json").timeout(REQUEST_TIMEOUT);
        long start = System.nanoTime();
        try {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Answer(response.statusCode(), response.body(), System.nanoTime() - start);
        } catch (HttpTimeoutException e) {
            return new Answer(TIMEOUT, "timed out after " + REQUEST_TIMEOUT.toSeconds() + " s",
                    System.nanoTime() - start);
        } catch (IOException e) {
            return new Answer(NO_ANSWER, String.valueOf(e), System.nanoTime() - start);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Answer(NO_ANSWER, "interrupted", System.nanoTime() - start);
        }
    }

    /** A demo user's access token, signed in once and reused while it is young. */
    String token(String user) {
        return tokens.compute(user, (name, held) -> held != null
                && System.nanoTime() - held.signedInAt() < TOKEN_REUSE.toNanos()
                ? held : new Token(signIn(name, "demo"), System.nanoTime())).value();
    }

    /**
     * Signs a demo user in as a browser does, with the authorization code flow and PKCE of the provider's {@code cli}
     * client: the login form with its CSRF token, the authorization request, then the code for tokens.
     */
    private String signIn(String user, String password) {
        HttpClient browser = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .cookieHandler(new CookieManager()).followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(Duration.ofSeconds(5)).build();
        String issuer = url(IDENTITY, "");
        String redirect = "http://127.0.0.1:8400/callback";
        String verifier = randomUrlSafe(32);
        HttpResponse<String> form = exchange(browser, HttpRequest.newBuilder(URI.create(issuer + "/login")).GET());
        Matcher csrf = CSRF.matcher(form.body());
        if (!csrf.find()) {
            throw new IllegalStateException("No login form at " + issuer + "/login: " + form.statusCode());
        }
        HttpResponse<String> signedIn = exchange(browser, formPost(issuer + "/login",
                Map.of("username", user, "password", password, "_csrf", csrf.group(1))));
        if (signedIn.statusCode() != 302 || signedIn.headers().firstValue("Location").orElse("").contains("error")) {
            throw new IllegalStateException("Sign-in of " + user + " refused: " + signedIn.statusCode());
        }
        HttpResponse<String> authorized = exchange(browser, HttpRequest.newBuilder(URI.create(issuer
                + "/oauth2/authorize?" + form(Map.of("response_type", "code", "client_id", "cli",
                "redirect_uri", redirect, "scope", "openid profile", "state", "bench",
                "code_challenge", challenge(verifier), "code_challenge_method", "S256")))).GET());
        Matcher code = CODE.matcher(authorized.headers().firstValue("Location").orElse(""));
        if (!code.find()) {
            throw new IllegalStateException("No authorization code for " + user + ": " + authorized.statusCode());
        }
        HttpResponse<String> issued = exchange(browser, formPost(issuer + "/oauth2/token", Map.of(
                "grant_type", "authorization_code", "code", URLDecoder.decode(code.group(1), StandardCharsets.UTF_8),
                "redirect_uri", redirect, "client_id", "cli", "code_verifier", verifier)));
        String token = Json.text(issued.body(), "access_token");
        if (issued.statusCode() != 200 || token == null) {
            throw new IllegalStateException("No token for " + user + ": " + issued.statusCode());
        }
        return token;
    }

    private static HttpRequest.Builder formPost(String url, Map<String, String> fields) {
        return HttpRequest.newBuilder(URI.create(url)).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form(fields)));
    }

    private static HttpResponse<String> exchange(HttpClient client, HttpRequest.Builder request) {
        try {
            return client.send(request.timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException("No answer from the identity provider", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String form(Map<String, String> fields) {
        return fields.entrySet().stream().map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8)).collect(Collectors.joining("&"));
    }

    private static String challenge(String verifier) {
        try {
            return Base64.getUrlEncoder().withoutPadding().encodeToString(MessageDigest.getInstance("SHA-256")
                    .digest(verifier.getBytes(StandardCharsets.US_ASCII)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String randomUrlSafe(int bytes) {
        byte[] random = new byte[bytes];
        new SecureRandom().nextBytes(random);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(random);
    }
}
