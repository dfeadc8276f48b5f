package org.iecmh.endorsement.testkit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Calls a service's HTTP API as a person would: with a bearer token from the JVM's {@link LocalIssuer} that says
 * who is asking, and the {@code X-Tenant-Id} they act in. Immutable: {@link #as} returns a new client.
 */
public final class ApiClient {

    private static final ObjectMapper JSON = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
    /**
     * HTTP/1.1, as browsers and load balancers speak to a plain-http server. With the JDK's default (HTTP/2 offered
     * through an h2c upgrade) a request to the gateway now and then went unanswered until it timed out; over
     * HTTP/1.1 that has not been seen. One client for every test of the JVM: its one selector thread completes the
     * connections of 80 requests sent at once, which on a loaded 2-core machine took longer than 5 s; a connection
     * gets as long as a request (30 s), within which a server that stalls is still caught.
     */
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(30)).build();

    private final String baseUrl;
    private final Map<String, String> identity;

    private ApiClient(String baseUrl, Map<String, String> identity) {
        this.baseUrl = baseUrl;
        this.identity = identity;
    }

    public static ApiClient at(String baseUrl) {
        return new ApiClient(baseUrl, Map.of());
    }

    public static ApiClient onPort(int port) {
        return at("http://localhost:" + port);
    }

    /** The same client acting as {@code subject} in {@code role} within {@code tenant}, with a token that grants it. */
    public ApiClient as(String tenant, String subject, String role) {
        String token = LocalIssuer.instance().token(tenant, subject, role);
        return new ApiClient(baseUrl, Map.of("Authorization", "Bearer " + token, "X-Tenant-Id", tenant));
    }

    /**
     * The same client acting as {@code subject} in {@code role} within {@code tenant}, with a token that carries
     * {@code email} and says whether the provider verified it.
     */
    public ApiClient as(String tenant, String subject, String role, String email, boolean verified) {
        String token = LocalIssuer.instance().tokenWithEmail(tenant, subject, role, email, verified);
        return new ApiClient(baseUrl, Map.of("Authorization", "Bearer " + token, "X-Tenant-Id", tenant));
    }

    /** The same client sending this bearer token (valid or forged) and nothing else that names who asks. */
    public ApiClient withToken(String token) {
        return new ApiClient(baseUrl, Map.of("Authorization", "Bearer " + token));
    }

    /** The same client with these extra headers on every request (such as {@code X-Tenant-Id}). */
    public ApiClient withHeaders(Map<String, String> headers) {
        Map<String, String> all = new LinkedHashMap<>(identity);
        all.putAll(headers);
        return new ApiClient(baseUrl, Map.copyOf(all));
    }

    /** The headers that say who is asking, for a request built by hand. */
    public Map<String, String> identityHeaders() {
        return identity;
    }

    public Response get(String path) {
        return send(HttpRequest.newBuilder(uri(path)).GET(), "GET", path, null, Map.of());
    }

    public Response post(String path, Object body) {
        return post(path, body, Map.of());
    }

    /** A POST with these extra headers; a {@code Content-Type} among them (such as {@code text/csv}) replaces JSON's. */
    public Response post(String path, Object body, Map<String, String> headers) {
        String text = body == null ? null : toJson(body);
        HttpRequest.BodyPublisher publisher = text == null
                ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(text);
        Map<String, String> all = new LinkedHashMap<>(headers);
        all.putIfAbsent("Content-Type", "application/json");
        return send(HttpRequest.newBuilder(uri(path)).POST(publisher), "POST", path, text, all);
    }

    public Response put(String path, Object body) {
        String text = toJson(body);
        return send(HttpRequest.newBuilder(uri(path)).PUT(HttpRequest.BodyPublishers.ofString(text)), "PUT", path,
                text, Map.of("Content-Type", "application/json"));
    }

    public Response delete(String path) {
        return send(HttpRequest.newBuilder(uri(path)).DELETE(), "DELETE", path, null, Map.of());
    }

    /**
     * The same request again (as a contract test replays what others sent, changed): its method, path, headers and
     * body text as they were sent, on this client's base URL.
     */
    public Response replay(ApiExchange exchange, String body) {
        HttpRequest.BodyPublisher publisher = body == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(body);
        return new ApiClient(baseUrl, Map.of()).send(HttpRequest.newBuilder(uri(exchange.path()))
                .method(exchange.method(), publisher), exchange.method(), exchange.path(), body, exchange.headers());
    }

    private Response send(HttpRequest.Builder request, String method, String path, String body,
                          Map<String, String> headers) {
        Response response = send(request, headers);
        Map<String, String> sent = new LinkedHashMap<>(identity);
        sent.putAll(headers);
        // A success is kept without its body (the contract test reads the refusals only).
        ApiExchange.record(new ApiExchange(method, path, Map.copyOf(sent), body, response.status() < 400
                ? new Response(response.status(), response.contentType(), JSON.nullNode(), "") : response));
        return response;
    }

    private Response send(HttpRequest.Builder request, Map<String, String> headers) {
        identity.forEach(request::header);
        headers.forEach(request::header);
        request.header("Accept", "application/json, application/problem+json");
        request.timeout(Duration.ofSeconds(30));
        try {
            HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
            String contentType = response.headers().firstValue("Content-Type").orElse("");
            JsonNode body = response.body().isEmpty() || !contentType.contains("json")
                    ? JSON.nullNode() : JSON.readTree(response.body());
            return new Response(response.statusCode(), contentType, body, response.body());
        } catch (IOException e) {
            throw new IllegalStateException("No answer from " + baseUrl, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private URI uri(String path) {
        return URI.create(baseUrl + path);
    }

    private static String toJson(Object body) {
        try {
            return body instanceof String text ? text : JSON.writeValueAsString(body);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(e);
        }
    }

    /** A response: status, content type and the JSON body (a null node when there is none). */
    public record Response(int status, String contentType, JsonNode body, String text) {

        /** The text at a JSON pointer such as {@code /status}, or null. */
        public String at(String pointer) {
            JsonNode node = body.at(pointer);
            return node.isMissingNode() || node.isNull() ? null : node.asText();
        }

        @Override
        public String toString() {
            return status + " " + text;
        }
    }
}
