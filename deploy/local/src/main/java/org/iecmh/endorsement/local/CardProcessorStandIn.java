package org.iecmh.endorsement.local;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Stripe in test mode, for the local platform and its browser tests: the real Stripe cannot be reached from these
 * machines. It speaks the parts of Stripe's protocol the platform uses, as Stripe documents them:
 * <ul>
 *   <li>payment-service creates a PaymentIntent ({@code POST /v1/payment_intents}, form-encoded, the secret key as
 *       bearer token, an {@code Idempotency-Key} that answers a retry with the same intent);</li>
 *   <li>the browser loads Stripe.js ({@code /v3/}: {@code Stripe(publishableKey)}, {@code elements({clientSecret})},
 *       {@code create('payment').mount(...)}, {@code confirmPayment({elements, redirect: 'if_required'})}), which
 *       confirms the intent with the publishable key and the client secret
 *       ({@code POST /v1/payment_intents/{id}/confirm});</li>
 *   <li>on success, the {@code payment_intent.succeeded} event goes to the platform's webhook, signed in
 *       {@code Stripe-Signature} ({@code t=<seconds>,v1=<HMAC-SHA256 of "t.body">} with the webhook secret), and is
 *       sent again until it is acknowledged, as Stripe does in live mode: after 1 s, then twice as long each time up
 *       to an hour between tries, for three days.</li>
 * </ul>
 * Stripe's test cards: 4242 4242 4242 4242 succeeds, 4000 0000 0000 0002 is declined. The card fields are plain inputs
 * in the page rather than Stripe's iframe.
 * <p>
 * Length: one file is one third party's protocol, each endpoint beside the others it answers with.
 */
public final class CardProcessorStandIn implements AutoCloseable {

    public static final String SECRET_KEY = "sk_test_local_stand_in";
    public static final String PUBLISHABLE_KEY = "pk_test_local_stand_in";
    public static final String WEBHOOK_SECRET = "whsec_local_stand_in";

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern CONFIRM = Pattern.compile("/v1/payment_intents/(pi_[A-Za-z0-9]+)/confirm");
    private static final Duration FIRST_WEBHOOK_RETRY = Duration.ofSeconds(1);
    private static final Duration LONGEST_WEBHOOK_WAIT = Duration.ofHours(1);
    private static final Duration WEBHOOK_RETRIES_FOR = Duration.ofDays(3);

    private final HttpServer server;
    private final String webhookUrl;
    private final Map<String, Map<String, Object>> intents = new ConcurrentHashMap<>();
    private final Map<String, String> intentByIdempotencyKey = new ConcurrentHashMap<>();
    // Several at once, as Stripe sends them: one slow answer does not hold the others back.
    private final ScheduledExecutorService webhooks = Executors.newScheduledThreadPool(4, runnable -> {
        Thread thread = new Thread(runnable, "card-processor-webhooks");
        thread.setDaemon(true);
        return thread;
    });
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    private CardProcessorStandIn(HttpServer server, String webhookUrl) {
        this.server = server;
        this.webhookUrl = webhookUrl;
    }

    /** Starts on the port (0: any free one); succeeded payments are reported to {@code webhookUrl}. */
    public static CardProcessorStandIn start(int port, String webhookUrl) {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 0);
            CardProcessorStandIn standIn = new CardProcessorStandIn(server, webhookUrl);
            server.createContext("/", standIn::handle);
            server.setExecutor(Executors.newFixedThreadPool(4, runnable -> {
                Thread thread = new Thread(runnable, "card-processor");
                thread.setDaemon(true);
                return thread;
            }));
            server.start();
            return standIn;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public String baseUrl() {
        return "http://localhost:" + server.getAddress().getPort();
    }

    /** What payment-service needs to charge cards here. */
    public List<String> paymentServiceArguments() {
        return List.of("--iecmh.card.stripe.base-url=" + baseUrl(), "--iecmh.card.stripe.api-key=" + SECRET_KEY,
                "--iecmh.card.stripe.webhook-secret=" + WEBHOOK_SECRET);
    }

    /** What the gateway tells the web application, and lets its pages load and call. */
    public List<String> gatewayArguments() {
        return List.of("--iecmh.web.card.publishable-key=" + PUBLISHABLE_KEY,
                "--iecmh.web.card.script-url=" + baseUrl() + "/v3/", "--iecmh.web.card.origins=" + baseUrl());
    }

    @Override
    public void close() {
        webhooks.shutdownNow();
        server.stop(0);
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getPath();
            String method = exchange.getRequestMethod();
            exchange.getResponseHeaders().set("Access-Control-Allow-Origin", "*");
            if ("OPTIONS".equals(method)) {
                exchange.getResponseHeaders().set("Access-Control-Allow-Methods", "GET, POST");
                exchange.getResponseHeaders().set("Access-Control-Allow-Headers", "Content-Type");
                exchange.sendResponseHeaders(204, -1);
            } else if ("GET".equals(method) && "/v3/".equals(path)) {
                script(exchange);
            } else if ("POST".equals(method) && "/v1/payment_intents".equals(path)) {
                create(exchange);
            } else if ("POST".equals(method) && CONFIRM.matcher(path).matches()) {
                Matcher matcher = CONFIRM.matcher(path);
                matcher.matches();
                confirm(exchange, matcher.group(1));
            } else {
                error(exchange, 404, "invalid_request_error", "resource_missing", "Unrecognized request URL");
            }
        } catch (RuntimeException e) {
            error(exchange, 500, "api_error", null, "The stand-in failed: " + e.getMessage());
        }
    }

    private void create(HttpExchange exchange) throws IOException {
        if (!("Bearer " + SECRET_KEY).equals(exchange.getRequestHeaders().getFirst("Authorization"))) {
            error(exchange, 401, "invalid_request_error", null, "Invalid API Key provided");
            return;
        }
        Map<String, String> form = form(exchange.getRequestBody());
        long amount;
        try {
            amount = Long.parseLong(form.getOrDefault("amount", ""));
        } catch (NumberFormatException e) {
            error(exchange, 400, "invalid_request_error", "parameter_invalid_integer", "Invalid integer: amount");
            return;
        }
        String key = exchange.getRequestHeaders().getFirst("Idempotency-Key");
        // Two requests with one key at once (a client retrying while its first request is still on its way) make one
        // intent, as at Stripe.
        String id = key == null ? newIntent(form, amount)
                : intentByIdempotencyKey.computeIfAbsent(key, k -> newIntent(form, amount));
        json(exchange, 200, intents.get(id));
    }

    private String newIntent(Map<String, String> form, long amount) {
        String id = "pi_" + UUID.randomUUID().toString().replace("-", "").substring(0, 24);
        Map<String, Object> intent = new LinkedHashMap<>();
        intent.put("id", id);
        intent.put("object", "payment_intent");
        intent.put("amount", amount);
        intent.put("amount_received", 0);
        intent.put("currency", form.getOrDefault("currency", "usd"));
        intent.put("description", form.get("description"));
        intent.put("status", "requires_payment_method");
        intent.put("client_secret", id + "_secret_" + UUID.randomUUID().toString().replace("-", ""));
        Map<String, String> metadata = new LinkedHashMap<>();
        form.forEach((name, value) -> {
            if (name.startsWith("metadata[") && name.endsWith("]")) {
                metadata.put(name.substring("metadata[".length(), name.length() - 1), value);
            }
        });
        intent.put("metadata", metadata);
        intents.put(id, intent);
        return id;
    }

    /** The invoice each succeeded payment was for (its {@code invoice_id} metadata), one entry per payment taken. */
    public List<String> succeededPaymentsByInvoice() {
        return intents.values().stream().filter(intent -> {
            synchronized (intent) {
                return "succeeded".equals(intent.get("status"));
            }
        }).map(intent -> String.valueOf(((Map<?, ?>) intent.get("metadata")).get("invoice_id"))).toList();
    }

    private void confirm(HttpExchange exchange, String id) throws IOException {
        Map<String, String> form = form(exchange.getRequestBody());
        Map<String, Object> intent = intents.get(id);
        if (!PUBLISHABLE_KEY.equals(form.get("key"))) {
            error(exchange, 401, "invalid_request_error", null, "Invalid API Key provided");
            return;
        }
        if (intent == null || !intent.get("client_secret").equals(form.get("client_secret"))) {
            error(exchange, 404, "invalid_request_error", "resource_missing", "No such payment_intent: " + id);
            return;
        }
        synchronized (intent) {
            if ("succeeded".equals(intent.get("status"))) {
                error(exchange, 400, "invalid_request_error", "payment_intent_unexpected_state",
                        "This PaymentIntent has already succeeded");
                return;
            }
            String number = form.getOrDefault("payment_method_data[card][number]", "").replaceAll("\\s", "");
            if ("4000000000000002".equals(number)) {
                error(exchange, 402, "card_error", "card_declined", "Your card was declined.");
                return;
            }
            if (!"4242424242424242".equals(number)) {
                error(exchange, 402, "card_error", "incorrect_number", "Your card number is incorrect.");
                return;
            }
            intent.put("status", "succeeded");
            intent.put("amount_received", intent.get("amount"));
        }
        json(exchange, 200, intent);
        Map<String, Object> event = new LinkedHashMap<>();
        event.put("id", "evt_" + UUID.randomUUID().toString().replace("-", "").substring(0, 24));
        event.put("object", "event");
        event.put("type", "payment_intent.succeeded");
        event.put("created", Instant.now().getEpochSecond());
        event.put("data", Map.of("object", intent));
        deliver(JSON.writeValueAsString(event), Instant.now(), Duration.ZERO);
    }

    /** Sends the event after {@code wait}, and again later while the platform does not acknowledge it. */
    private void deliver(String event, Instant first, Duration wait) {
        webhooks.schedule(() -> {
            long now = Instant.now().getEpochSecond();
            String signature = "t=" + now + ",v1=" + hmac(now + "." + event);
            int status;
            try {
                status = http.send(HttpRequest.newBuilder(URI.create(webhookUrl)).timeout(Duration.ofSeconds(20))
                        .header("Content-Type", "application/json").header("Stripe-Signature", signature)
                        .POST(HttpRequest.BodyPublishers.ofString(event)).build(),
                        HttpResponse.BodyHandlers.discarding()).statusCode();
            } catch (IOException e) {
                status = 0;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            if (status / 100 != 2 && Instant.now().isBefore(first.plus(WEBHOOK_RETRIES_FOR))) {
                Duration next = wait.isZero() ? FIRST_WEBHOOK_RETRY : wait.multipliedBy(2);
                deliver(event, first, next.compareTo(LONGEST_WEBHOOK_WAIT) > 0 ? LONGEST_WEBHOOK_WAIT : next);
            }
        }, wait.toMillis(), TimeUnit.MILLISECONDS);
    }

    private static String hmac(String signed) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(WEBHOOK_SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(signed.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void script(HttpExchange exchange) throws IOException {
        try (InputStream script = CardProcessorStandIn.class.getResourceAsStream("card-processor-stand-in.js")) {
            byte[] body = script.readAllBytes();
            exchange.getResponseHeaders().set("Content-Type", "application/javascript; charset=utf-8");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
        }
    }

    private static Map<String, String> form(InputStream body) throws IOException {
        Map<String, String> form = new LinkedHashMap<>();
        String text = new String(body.readAllBytes(), StandardCharsets.UTF_8);
        for (String pair : text.split("&")) {
            if (!pair.isEmpty()) {
                int equals = pair.indexOf('=');
                String name = URLDecoder.decode(equals < 0 ? pair : pair.substring(0, equals), StandardCharsets.UTF_8);
                String value = equals < 0 ? "" : URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8);
                form.put(name, value);
            }
        }
        return form;
    }

    private static void error(HttpExchange exchange, int status, String type, String code, String message)
            throws IOException {
        Map<String, Object> error = new LinkedHashMap<>();
        error.put("type", type);
        if (code != null) {
            error.put("code", code);
        }
        error.put("message", message);
        json(exchange, status, Map.of("error", error));
    }

    private static void json(HttpExchange exchange, int status, Object body) throws IOException {
        byte[] bytes = JSON.writeValueAsBytes(body);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
    }
}
