package org.iecmh.endorsement.payment.card;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ResponseStatusException;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Stripe's PaymentIntents HTTP API: a form-encoded POST to {@code /v1/payment_intents} with the amount in the
 * currency's smallest unit, our invoice in its metadata, and our idempotency key as Stripe's, so that a retried start
 * never creates a second charge.
 */
@Component
class StripeCardProcessor implements CardProcessor {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final StripeSettings settings;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    StripeCardProcessor(StripeSettings settings) {
        this.settings = settings;
    }

    @Override
    public CardCheckout start(CardCharge charge) {
        if (!settings.enabled()) {
            throw new ResponseStatusException(HttpStatus.SERVICE_UNAVAILABLE, "Card payments are not set up");
        }
        Map<String, String> form = new LinkedHashMap<>();
        form.put("amount", Long.toString(charge.amount().cents()));
        form.put("currency", charge.amount().currency().toLowerCase(Locale.ROOT));
        form.put("description", charge.description());
        form.put("metadata[tenant_id]", charge.tenantId());
        form.put("metadata[invoice_id]", charge.invoiceId());
        form.put("automatic_payment_methods[enabled]", "true");
        HttpRequest request = HttpRequest.newBuilder(URI.create(settings.baseUrl() + "/v1/payment_intents"))
                .timeout(Duration.ofSeconds(20))
                .header("Authorization", "Bearer " + settings.apiKey())
                .header("Idempotency-Key", charge.idempotencyKey())
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(encode(form)))
                .build();
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            JsonNode body = JSON.readTree(response.body());
            if (response.statusCode() / 100 != 2) {
                throw new ResponseStatusException(HttpStatus.BAD_GATEWAY, "The card processor refused: "
                        + body.path("error").path("message").asText("status " + response.statusCode()));
            }
            return new CardCheckout(body.path("id").asText(), body.path("client_secret").asText(),
                    body.path("status").asText());
        } catch (IOException e) {
            throw new ResponseStatusException(HttpStatus.BAD_GATEWAY, "The card processor did not answer", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ResponseStatusException(HttpStatus.SERVICE_UNAVAILABLE, "Interrupted", e);
        }
    }

    private static String encode(Map<String, String> form) {
        return form.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                        + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
    }
}
