package org.iecmh.endorsement.payment.card;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * Checks a {@code Stripe-Signature} header ({@code t=<unix seconds>,v1=<hex>[,v1=...]}): some v1 must be the
 * HMAC-SHA256 of {@code "<t>.<raw body>"} under the webhook secret, compared in constant time, and {@code t} must be
 * within the tolerance of now, so that a captured webhook cannot be replayed later.
 */
public final class WebhookSignature {

    private WebhookSignature() {
    }

    public static boolean verify(String header, String body, String secret, Instant now, Duration tolerance) {
        if (header == null || body == null || secret == null || secret.isBlank()) {
            return false;
        }
        Long timestamp = null;
        List<String> signatures = new ArrayList<>();
        for (String part : header.split(",")) {
            String[] pair = part.trim().split("=", 2);
            if (pair.length != 2) {
                continue;
            }
            if (pair[0].equals("t")) {
                try {
                    timestamp = Long.parseLong(pair[1]);
                } catch (NumberFormatException e) {
                    return false;
                }
            } else if (pair[0].equals("v1")) {
                signatures.add(pair[1]);
            }
        }
        if (timestamp == null || signatures.isEmpty()
                || Duration.between(Instant.ofEpochSecond(timestamp), now).abs().compareTo(tolerance) > 0) {
            return false;
        }
        byte[] expected = sign(timestamp + "." + body, secret).getBytes(StandardCharsets.US_ASCII);
        return signatures.stream().anyMatch(candidate ->
                MessageDigest.isEqual(expected, candidate.getBytes(StandardCharsets.US_ASCII)));
    }

    /** The hex HMAC-SHA256 of {@code payload}: what the processor puts in v1. */
    public static String sign(String payload, String secret) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(payload.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
