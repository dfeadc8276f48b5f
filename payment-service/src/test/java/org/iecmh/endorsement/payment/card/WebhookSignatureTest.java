package org.iecmh.endorsement.payment.card;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

class WebhookSignatureTest {

    private static final String SECRET = "whsec_test";
    private static final Instant NOW = Instant.parse("2026-11-22T12:00:00Z");
    private static final Duration TOLERANCE = Duration.ofMinutes(5);
    private static final String BODY = "{\"type\":\"payment_intent.succeeded\"}";

    private static String header(Instant at, String body, String secret) {
        return "t=" + at.getEpochSecond() + ",v1=" + WebhookSignature.sign(at.getEpochSecond() + "." + body, secret);
    }

    @Test
    void aBodySignedWithTheSecretJustNowIsAccepted() {
        assertThat(WebhookSignature.verify(header(NOW.minusSeconds(30), BODY, SECRET), BODY, SECRET, NOW, TOLERANCE))
                .isTrue();
    }

    @Test
    void oneMatchingSignatureAmongSeveralIsEnoughWhileTheSecretIsRolled() {
        String header = "t=" + NOW.getEpochSecond() + ",v1=" + "0".repeat(64) + ",v1="
                + WebhookSignature.sign(NOW.getEpochSecond() + "." + BODY, SECRET) + ",v0=ignored";
        assertThat(WebhookSignature.verify(header, BODY, SECRET, NOW, TOLERANCE)).isTrue();
    }

    @Test
    void aChangedBodyAnotherSecretAnOldSignatureOrNoHeaderIsRefused() {
        assertThat(WebhookSignature.verify(header(NOW, BODY, SECRET), BODY.replace("succeeded", "failed"), SECRET,
                NOW, TOLERANCE)).isFalse();
        assertThat(WebhookSignature.verify(header(NOW, BODY, "whsec_other"), BODY, SECRET, NOW, TOLERANCE)).isFalse();
        assertThat(WebhookSignature.verify(header(NOW.minus(Duration.ofMinutes(6)), BODY, SECRET), BODY, SECRET, NOW,
                TOLERANCE)).isFalse();
        assertThat(WebhookSignature.verify(null, BODY, SECRET, NOW, TOLERANCE)).isFalse();
        assertThat(WebhookSignature.verify("t=abc,v1=00", BODY, SECRET, NOW, TOLERANCE)).isFalse();
        assertThat(WebhookSignature.verify(header(NOW, BODY, SECRET), BODY, "", NOW, TOLERANCE)).isFalse();
    }
}
