package org.iecmh.endorsement.gateway;

import org.iecmh.endorsement.testkit.LocalIssuer;
import org.iecmh.endorsement.testkit.MutableClock;
import org.junit.jupiter.api.Test;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoders;
import org.springframework.security.oauth2.jwt.JwtIssuerValidator;
import org.springframework.security.oauth2.jwt.JwtTypeValidator;
import org.springframework.security.oauth2.jwt.JwtValidators;
import org.springframework.security.oauth2.jwt.NimbusReactiveJwtDecoder;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A token is verified against the issuer's keys once while it is valid, and a refused one every time. */
class VerifiedTokensTest {

    private final LocalIssuer issuer = LocalIssuer.instance();
    private final AtomicInteger verifications = new AtomicInteger();
    private final ReactiveJwtDecoder issuersDecoder = accessTokens(issuer.issuerUri());
    private final ReactiveJwtDecoder counting = token -> {
        verifications.incrementAndGet();
        return issuersDecoder.decode(token);
    };

    @Test
    void aValidTokenIsVerifiedOnceUntilItExpiresThenAgain() {
        Instant issuedAt = Instant.now();
        MutableClock clock = new MutableClock(issuedAt);
        ReactiveJwtDecoder decoder = new VerifiedTokens.Remembering(counting, clock, 100);
        String token = issuer.token("ma", "applicant-1", "APPLICANT");

        Jwt first = decoder.decode(token).block();
        Jwt second = decoder.decode(token).block();
        assertThat(second).isSameAs(first);
        assertThat(second.getSubject()).isEqualTo("applicant-1");
        assertThat(verifications).hasValue(1);

        clock.set(first.getExpiresAt());
        decoder.decode(issuer.token("ma", "applicant-2", "APPLICANT")).block();
        assertThat(verifications).hasValue(2);
        // Past its expiry the remembered token is not used: the issuer's decoder decides again.
        decoder.decode(token).block();
        assertThat(verifications).hasValue(3);
    }

    @Test
    void aRefusedTokenIsNeverRememberedAndTheCapacityHolds() {
        MutableClock clock = new MutableClock(Instant.now());
        ReactiveJwtDecoder decoder = new VerifiedTokens.Remembering(counting, clock, 2);
        String forged = issuer.tokenSignedByAnotherKey("ma", "intruder", "COORDINATOR");

        assertThatThrownBy(() -> decoder.decode(forged).block()).isInstanceOf(JwtException.class);
        assertThatThrownBy(() -> decoder.decode(forged).block()).isInstanceOf(JwtException.class);
        assertThat(verifications).hasValue(2);

        String a = issuer.token("ma", "a", "APPLICANT");
        String b = issuer.token("ma", "b", "APPLICANT");
        String c = issuer.token("ma", "c", "APPLICANT");
        for (String token : new String[] {a, b, c, a}) {
            decoder.decode(token).block();
        }
        // a and b filled it; c emptied it (neither had expired) and was kept; a was verified again.
        assertThat(verifications).hasValue(6);
        clock.set(clock.instant().plus(Duration.ofSeconds(1)));
        decoder.decode(c).block();
        assertThat(verifications).hasValue(6);
    }

    /** The issuer's decoder as the gateway configures it: access tokens only. */
    private static ReactiveJwtDecoder accessTokens(String issuerUri) {
        NimbusReactiveJwtDecoder decoder = ReactiveJwtDecoders.fromIssuerLocation(issuerUri);
        decoder.setJwtValidator(JwtValidators.createDefaultWithValidators(new JwtIssuerValidator(issuerUri),
                new JwtTypeValidator("at+jwt")));
        return decoder;
    }
}
