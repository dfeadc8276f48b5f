package org.iecmh.endorsement.local;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.awaitility.core.ConditionTimeoutException;
import org.awaitility.pollinterval.IterativePollInterval;

import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import static org.awaitility.Awaitility.await;

/**
 * Calls the platform as a careful client program does: a request that gets no answer (refused, reset, timed out),
 * a 5xx, a 429 or a {@code concurrent-change} conflict is sent again, the same request with the same
 * {@code Idempotency-Key}, after a wait that doubles from 100 ms to 2 s, for as long as the client's patience lasts.
 * Any other answer is the answer.
 */
final class PatientClient {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2)).build();
    private static final Duration FIRST_WAIT = Duration.ofMillis(100);
    private static final Duration LONGEST_WAIT = Duration.ofSeconds(2);
    /** Longer than the gateway waits for a service (15 s) before it answers 504. */
    private static final Duration ATTEMPT = Duration.ofSeconds(30);

    /** Requests sent again, by every client. */
    static final AtomicLong RETRIES = new AtomicLong();

    private final String base;
    private final Map<String, String> headers;
    private final Duration patience;

    PatientClient(String base, Map<String, String> headers, Duration patience) {
        this.base = base;
        this.headers = Map.copyOf(headers);
        this.patience = patience;
    }

    /** An answer: status and body (JSON where it is JSON, a null node otherwise). */
    record Answer(int status, JsonNode body, String text) {

        /** The text at a JSON pointer such as {@code /status}, or null. */
        String at(String pointer) {
            JsonNode node = body.at(pointer);
            return node.isMissingNode() || node.isNull() ? null : node.asText();
        }

        String rule() {
            return at("/rule");
        }

        boolean is(int expected) {
            return status == expected;
        }

        boolean refusedFor(String expectedRule) {
            return status / 100 == 4 && expectedRule.equals(rule());
        }

        @Override
        public String toString() {
            return status + " " + (text.length() > 500 ? text.substring(0, 500) + "..." : text);
        }
    }

    Answer get(String path) {
        return send("GET", path, null, Map.of());
    }

    Answer post(String path, Object body) {
        return send("POST", path, body, Map.of());
    }

    Answer post(String path, Object body, String idempotencyKey) {
        return send("POST", path, body, idempotencyKey == null ? Map.of() : Map.of("Idempotency-Key", idempotencyKey));
    }

    /** A form POST (as a browser's card script sends to the card processor). */
    Answer postForm(String path, String form) {
        return send("POST", path, form, Map.of("Content-Type", "application/x-www-form-urlencoded"));
    }

    /**
     * Sends the request and drops the connection at once, without reading the answer, as a client whose network went
     * away just after it sent a request. Whatever the platform does with it, this client never hears.
     */
    void sendAndHangUp(String path, Object body, String idempotencyKey) {
        URI uri = URI.create(base + path);
        byte[] content = body == null ? new byte[0] : json(body).getBytes(StandardCharsets.UTF_8);
        StringBuilder request = new StringBuilder("POST " + uri.getRawPath() + " HTTP/1.1\r\n")
                .append("Host: ").append(uri.getHost()).append(':').append(uri.getPort()).append("\r\n")
                .append("Content-Type: application/json\r\n")
                .append("Content-Length: ").append(content.length).append("\r\n");
        if (idempotencyKey != null) {
            request.append("Idempotency-Key: ").append(idempotencyKey).append("\r\n");
        }
        headers.forEach((name, value) -> request.append(name).append(": ").append(value).append("\r\n"));
        request.append("\r\n");
        try (Socket socket = new Socket(uri.getHost(), uri.getPort())) {
            OutputStream out = socket.getOutputStream();
            out.write(request.toString().getBytes(StandardCharsets.US_ASCII));
            out.write(content);
            out.flush();
            // Closed with the request sent and nothing read: a reset, as a dropped connection looks to the server.
            socket.setSoLinger(true, 0);
        } catch (IOException gone) {
            // The network went away in any case.
        }
    }

    private Answer send(String method, String path, Object body, Map<String, String> extra) {
        AtomicReference<Answer> answer = new AtomicReference<>();
        AtomicReference<String> last = new AtomicReference<>("nothing sent");
        AtomicLong attempts = new AtomicLong();
        try {
            await().atMost(patience).pollInSameThread().pollDelay(Duration.ZERO)
                    .pollInterval(new IterativePollInterval(PatientClient::doubled, FIRST_WAIT))
                    .until(() -> {
                        if (attempts.getAndIncrement() > 0) {
                            RETRIES.incrementAndGet();
                        }
                        try {
                            Answer got = once(method, path, body, extra);
                            last.set(got.toString());
                            if (retried(got)) {
                                return false;
                            }
                            answer.set(got);
                            return true;
                        } catch (IOException noAnswer) {
                            last.set(noAnswer.toString());
                            return false;
                        }
                    });
        } catch (ConditionTimeoutException impatient) {
            throw new IllegalStateException(method + " " + path + ": no answer worth having within "
                    + patience.toSeconds() + " s (" + attempts.get() + " attempts; the last: " + last.get() + ")");
        }
        return answer.get();
    }

    /** The wait before the next try: twice the last, at most the longest. */
    private static Duration doubled(Duration wait) {
        Duration twice = wait.multipliedBy(2);
        return twice.compareTo(LONGEST_WAIT) > 0 ? LONGEST_WAIT : twice;
    }

    private static boolean retried(Answer answer) {
        return answer.status() >= 500 || answer.status() == 429
                || answer.status() == 409 && "concurrent-change".equals(answer.rule());
    }

    private Answer once(String method, String path, Object body, Map<String, String> extra)
            throws IOException, InterruptedException {
        Map<String, String> all = new LinkedHashMap<>(headers);
        all.putAll(extra);
        all.putIfAbsent("Content-Type", "application/json");
        all.put("Accept", "application/json, application/problem+json");
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path)).timeout(ATTEMPT)
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(json(body)));
        all.forEach(request::header);
        HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        String type = response.headers().firstValue("Content-Type").orElse("");
        JsonNode parsed;
        try {
            parsed = response.body().isEmpty() || !type.contains("json") ? JSON.nullNode()
                    : JSON.readTree(response.body());
        } catch (JsonProcessingException cutShort) {
            throw new IOException("An answer cut short: " + cutShort.getMessage(), cutShort);
        }
        return new Answer(response.statusCode(), parsed, response.body());
    }

    private static String json(Object body) {
        try {
            return body instanceof String text ? text : JSON.writeValueAsString(body);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(e);
        }
    }
}
