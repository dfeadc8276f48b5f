package org.iecmh.endorsement.renewal.evidence;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.iecmh.endorsement.testkit.ApiClient;
import org.iecmh.endorsement.testkit.ApiClient.Response;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/** Sends a file as a browser's form does (multipart) and reads one back as bytes, as the client's person. */
final class Uploads {

    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String BOUNDARY = "evidence-boundary-7d3f";

    /** A file downloaded: its status, headers and bytes. */
    record Download(int status, HttpResponse<byte[]> response) {
        byte[] bytes() {
            return response.body();
        }

        String header(String name) {
            return response.headers().firstValue(name).orElse(null);
        }
    }

    private Uploads() {
    }

    /** The file as a part named {@code file} (its name and declared type as given), with the other form fields. */
    static Response attach(ApiClient client, int port, String number, String fileName, String declaredType,
                           byte[] bytes, Map<String, String> fields, String idempotencyKey) {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        fields.forEach((name, value) -> write(body, "--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\""
                + name + "\"\r\n\r\n" + value + "\r\n"));
        write(body, "--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + fileName
                + "\"\r\n" + (declaredType == null ? "" : "Content-Type: " + declaredType + "\r\n") + "\r\n");
        body.writeBytes(bytes);
        write(body, "\r\n--" + BOUNDARY + "--\r\n");
        Map<String, String> headers = new LinkedHashMap<>(client.identityHeaders());
        headers.put("Content-Type", "multipart/form-data; boundary=" + BOUNDARY);
        headers.put("Accept", "application/json, application/problem+json");
        if (idempotencyKey != null) {
            headers.put("Idempotency-Key", idempotencyKey);
        }
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port
                        + "/api/endorsements/" + number + "/evidence"))
                .timeout(Duration.ofSeconds(30))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray()));
        headers.forEach(request::header);
        HttpResponse<String> response = send(request.build(), HttpResponse.BodyHandlers.ofString());
        String contentType = response.headers().firstValue("Content-Type").orElse("");
        return new Response(response.statusCode(), contentType, json(response.body(), contentType), response.body());
    }

    static Download download(ApiClient client, int port, String number, String attachmentId) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port
                + "/api/endorsements/" + number + "/evidence/" + attachmentId)).timeout(Duration.ofSeconds(30)).GET();
        client.identityHeaders().forEach(request::header);
        HttpResponse<byte[]> response = send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
        return new Download(response.statusCode(), response);
    }

    private static <T> HttpResponse<T> send(HttpRequest request, HttpResponse.BodyHandler<T> handler) {
        try {
            return HTTP.send(request, handler);
        } catch (IOException e) {
            throw new IllegalStateException("No answer to " + request.uri(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static JsonNode json(String text, String contentType) {
        try {
            return text.isEmpty() || !contentType.contains("json") ? JSON.nullNode() : JSON.readTree(text);
        } catch (IOException e) {
            throw new IllegalStateException("Not JSON: " + text, e);
        }
    }

    private static void write(ByteArrayOutputStream out, String text) {
        out.writeBytes(text.getBytes(StandardCharsets.UTF_8));
    }
}
