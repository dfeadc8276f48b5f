package org.iecmh.endorsement.bench;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.iecmh.endorsement.testkit.OidcSignIn;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

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
        return post(url, headers, json, "application/json");
    }

    Answer post(String url, Map<String, String> headers, String body, String contentType) {
        Map<String, String> all = new LinkedHashMap<>(headers);
        all.put("Content-Type", contentType);
        return send(HttpRequest.newBuilder(URI.create(url)).POST(body == null
                ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body)), all);
    }

    Answer put(String url, Map<String, String> headers, String json) {
        Map<String, String> all = new LinkedHashMap<>(headers);
        all.put("Content-Type", "application/json");
        return send(HttpRequest.newBuilder(URI.create(url)).PUT(HttpRequest.BodyPublishers.ofString(json)), all);
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
     * client, as the tests do.
     */
    private String signIn(String user, String password) {
        return new OidcSignIn(url(IDENTITY, ""), "cli", "http://127.0.0.1:8400/callback").accessToken(user, password);
    }

    /** A consumer of the platform's broker with no group, that commits nothing: the limit of the Kafka lines. */
    KafkaConsumer<byte[], byte[]> plainConsumer(String clientId) {
        return new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafkaBootstrap(),
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false",
                ConsumerConfig.CLIENT_ID_CONFIG, clientId),
                new ByteArrayDeserializer(), new ByteArrayDeserializer());
    }

    Admin kafkaAdmin() {
        return Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafkaBootstrap()));
    }

    /** The bench's own topic, which no service consumes; made on first use. */
    String benchTopic(Admin admin) throws Exception {
        String topic = topic("bench.round-trip");
        if (!admin.listTopics().names().get(10, TimeUnit.SECONDS).contains(topic)) {
            admin.createTopics(List.of(new NewTopic(topic, 1, (short) 1))).all().get(30, TimeUnit.SECONDS);
        }
        return topic;
    }
}
