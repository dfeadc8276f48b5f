package org.iecmh.endorsement.kit.security;

import org.iecmh.endorsement.testkit.LocalIssuer;
import org.iecmh.endorsement.testkit.MutableClock;
import org.junit.jupiter.api.Test;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtDecoders;
import org.springframework.security.oauth2.jwt.JwtIssuerValidator;
import org.springframework.security.oauth2.jwt.JwtTypeValidator;
import org.springframework.security.oauth2.jwt.JwtValidators;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.oauth2.jwt.JwtException;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A service verifies a token against the issuer's keys once while it is valid, and a refused one every time. */
class VerifiedTokensTest {

    private final LocalIssuer issuer = LocalIssuer.instance();
    private final AtomicInteger verifications = new AtomicInteger();
    private final JwtDecoder issuersDecoder = accessTokens(issuer.issuerUri());
    private final JwtDecoder counting = token -> {
        verifications.incrementAndGet();
        return issuersDecoder.decode(token);
    };

    @Test
    void aValidTokenIsVerifiedOnceUntilItExpiresThenAgain() {
        MutableClock clock = new MutableClock(Instant.now());
        JwtDecoder decoder = new VerifiedTokens(counting, clock, 100);
        String token = issuer.token("ma", "applicant-1", "APPLICANT");

        Jwt first = decoder.decode(token);
        assertThat(decoder.decode(token)).isSameAs(first);
        assertThat(verifications).hasValue(1);

        clock.set(first.getExpiresAt());
        assertThat(decoder.decode(token).getSubject()).isEqualTo("applicant-1");
        assertThat(verifications).hasValue(2);
    }

    @Test
    void aRefusedTokenIsNeverRememberedAndTheCapacityHolds() {
        MutableClock clock = new MutableClock(Instant.now());
        JwtDecoder decoder = new VerifiedTokens(counting, clock, 2);
        String forged = issuer.tokenSignedByAnotherKey("ma", "intruder", "COORDINATOR");

        assertThatThrownBy(() -> decoder.decode(forged)).isInstanceOf(JwtException.class);
        assertThatThrownBy(() -> decoder.decode(forged)).isInstanceOf(JwtException.class);
        assertThat(verifications).hasValue(2);

        String a = issuer.token("ma", "a", "APPLICANT");
        String b = issuer.token("ma", "b", "APPLICANT");
        String c = issuer.token("ma", "c", "APPLICANT");
        for (String token : new String[] {a, b, c, a}) {
            decoder.decode(token);
        }
        // a and b filled it; c emptied it (neither had expired) and was kept; a was verified again.
        assertThat(verifications).hasValue(6);
        clock.set(clock.instant().plus(Duration.ofSeconds(1)));
        decoder.decode(c);
        assertThat(verifications).hasValue(6);
    }

    /** The issuer's decoder as a service configures it: access tokens only. */
    private static JwtDecoder accessTokens(String issuerUri) {
        NimbusJwtDecoder decoder = JwtDecoders.fromIssuerLocation(issuerUri);
        decoder.setJwtValidator(JwtValidators.createDefaultWithValidators(new JwtIssuerValidator(issuerUri),
                new JwtTypeValidator("at+jwt")));
        return decoder;
    }
}
