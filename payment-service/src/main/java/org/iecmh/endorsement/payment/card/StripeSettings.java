package org.iecmh.endorsement.payment.card;

import org.springframework.boot.context.properties.ConfigurationProperties;

import java.time.Duration;

/**
 * The card processor's account ({@code iecmh.card.stripe}): its API address, the secret API key, the webhook
 * signing secret and how old a signed webhook may be. Card payments are off while the key is blank.
 */
@ConfigurationProperties("iecmh.card.stripe")
public record StripeSettings(String baseUrl, String apiKey, String webhookSecret, Duration signatureTolerance) {

    public StripeSettings {
        baseUrl = baseUrl == null || baseUrl.isBlank() ? "https://api.stripe.com" : baseUrl;
        signatureTolerance = signatureTolerance == null ? Duration.ofMinutes(5) : signatureTolerance;
    }

    public boolean enabled() {
        return apiKey != null && !apiKey.isBlank() && webhookSecret != null && !webhookSecret.isBlank();
    }
}
