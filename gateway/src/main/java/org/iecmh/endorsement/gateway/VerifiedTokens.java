package org.iecmh.endorsement.gateway;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Verifies each bearer token once while it is valid: a browser sends the same token with every request for up to
 * its lifetime, and checking its signature each time is the gateway's largest cost per request. A token is taken
 * from memory only before it expires; anything else (a new token, one past its expiry, one refused) goes to the
 * issuer's decoder, and a refused token is never remembered. At most {@code iecmh.gateway.verified-tokens} tokens
 * are kept; past that, the expired ones are dropped, then all.
 */
@Component
class VerifiedTokens implements BeanPostProcessor {

    private final ObjectProvider<Clock> clock;
    private final int capacity;

    VerifiedTokens(ObjectProvider<Clock> clock, @Value("${iecmh.gateway.verified-tokens:10000}") int capacity) {
        this.clock = clock;
        this.capacity = capacity;
    }

    @Override
    public Object postProcessAfterInitialization(Object bean, String beanName) {
        if (bean instanceof ReactiveJwtDecoder decoder && !(bean instanceof Remembering)) {
            return new Remembering(decoder, clock.getIfAvailable(Clock::systemUTC), capacity);
        }
        return bean;
    }

    /** A decoder that remembers the tokens its delegate verified, until each expires. */
    static final class Remembering implements ReactiveJwtDecoder {

        private final ReactiveJwtDecoder verifier;
        private final Clock clock;
        private final int capacity;
        private final Map<String, Jwt> verified = new ConcurrentHashMap<>();

        Remembering(ReactiveJwtDecoder verifier, Clock clock, int capacity) {
            this.verifier = verifier;
            this.clock = clock;
            this.capacity = capacity;
        }

        @Override
        public Mono<Jwt> decode(String token) throws JwtException {
            Jwt known = verified.get(token);
            if (known != null && isValidAt(known, clock.instant())) {
                return Mono.just(known);
            }
            if (known != null) {
                verified.remove(token);
            }
            return verifier.decode(token).doOnNext(jwt -> remember(token, jwt));
        }

        private void remember(String token, Jwt jwt) {
            if (jwt.getExpiresAt() == null) {
                return;
            }
            if (verified.size() >= capacity) {
                Instant now = clock.instant();
                verified.values().removeIf(kept -> !isValidAt(kept, now));
                if (verified.size() >= capacity) {
                    verified.clear();
                }
            }
            verified.put(token, jwt);
        }

        private static boolean isValidAt(Jwt jwt, Instant now) {
            return jwt.getExpiresAt() != null && now.isBefore(jwt.getExpiresAt())
                    && (jwt.getNotBefore() == null || !now.isBefore(jwt.getNotBefore()));
        }
    }
}
