package org.iecmh.endorsement.kit.security;

import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtException;

import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Verifies each bearer token once while it is valid: the same token comes with every request of a person for up to
 * its lifetime, and checking its RSA or EC signature each time was a fifth of a service's CPU per command. A token is
 * taken from memory only before it expires; anything else (a new token, one past its expiry, one refused) goes to the
 * issuer's decoder, and a refused token is never remembered. At most {@code capacity} tokens are kept; past that, the
 * expired ones are dropped, then all. The gateway remembers the tokens it verified the same way, for its own checks.
 */
public final class VerifiedTokens implements JwtDecoder {

    private final JwtDecoder verifier;
    private final Clock clock;
    private final int capacity;
    private final Map<String, Jwt> verified = new ConcurrentHashMap<>();

    public VerifiedTokens(JwtDecoder verifier, Clock clock, int capacity) {
        this.verifier = verifier;
        this.clock = clock;
        this.capacity = capacity;
    }

    @Override
    public Jwt decode(String token) throws JwtException {
        Instant now = clock.instant();
        Jwt known = verified.get(token);
        if (known != null && isValidAt(known, now)) {
            return known;
        }
        if (known != null) {
            verified.remove(token);
        }
        Jwt jwt = verifier.decode(token);
        if (jwt.getExpiresAt() != null) {
            if (verified.size() >= capacity) {
                verified.values().removeIf(kept -> !isValidAt(kept, now));
                if (verified.size() >= capacity) {
                    verified.clear();
                }
            }
            verified.put(token, jwt);
        }
        return jwt;
    }

    private static boolean isValidAt(Jwt jwt, Instant now) {
        return jwt.getExpiresAt() != null && now.isBefore(jwt.getExpiresAt())
                && (jwt.getNotBefore() == null || !now.isBefore(jwt.getNotBefore()));
    }

    /** Wraps the service's {@link JwtDecoder}, whichever configuration made it. */
    static BeanPostProcessor wrapping(Clock clock, int capacity) {
        return new BeanPostProcessor() {
            @Override
            public Object postProcessAfterInitialization(Object bean, String beanName) {
                return bean instanceof JwtDecoder decoder && !(bean instanceof VerifiedTokens)
                        ? new VerifiedTokens(decoder, clock, capacity) : bean;
            }
        };
    }
}
