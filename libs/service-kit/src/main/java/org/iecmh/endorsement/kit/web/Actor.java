package org.iecmh.endorsement.kit.web;

import org.axonframework.messaging.MetaData;
import org.iecmh.endorsement.kit.audit.AuditMetadata;
import org.springframework.http.HttpStatus;
import org.springframework.web.server.ResponseStatusException;

import java.util.Collection;
import java.util.Locale;
import java.util.Optional;
import java.util.Map;

/**
 * Who sends a request: the tenant they act in, their subject and role (all three granted by their validated
 * token, see {@link ActorArgumentResolver}), the request's correlation id ({@code X-Request-Id}), the email address
 * the token's provider vouches for ({@code null} when the token carries none or does not say it was verified), and the
 * language they read, if their request named one the platform speaks ({@code Accept-Language}).
 */
public record Actor(String tenantId, String subject, Role role, String correlationId, String verifiedEmail,
                    String language) {

    /** An actor whose email address no provider vouched for, who named no language. */
    public Actor(String tenantId, String subject, Role role, String correlationId) {
        this(tenantId, subject, role, correlationId, null, null);
    }

    /** An actor who named no language. */
    public Actor(String tenantId, String subject, Role role, String correlationId, String verifiedEmail) {
        this(tenantId, subject, role, correlationId, verifiedEmail, null);
    }

    /** The verified email address in lower case, if the token vouched for one. */
    public Optional<String> email() {
        return verifiedEmail == null ? Optional.empty()
                : Optional.of(verifiedEmail.strip().toLowerCase(Locale.ROOT));
    }

    /** Metadata for a command this actor sends; Axon copies it onto every event the command causes. */
    public MetaData metaData() {
        MetaData metaData = AuditMetadata.of(tenantId, subject, role.name())
                .mergedWith(Map.of(AuditMetadata.CORRELATION, correlationId));
        return language == null ? metaData : metaData.mergedWith(Map.of(AuditMetadata.LANGUAGE, language));
    }

    public boolean hasRole(Role expected) {
        return role == expected;
    }

    /** Refuses with 403, saying {@code refusal}, unless the actor acts in one of {@code roles}. */
    public void requireRole(String refusal, Collection<Role> roles) {
        if (!roles.contains(role)) {
            throw new ResponseStatusException(HttpStatus.FORBIDDEN, refusal);
        }
    }
}
