package org.iecmh.endorsement.kit.web;

import org.axonframework.messaging.MetaData;
import org.iecmh.endorsement.kit.audit.AuditMetadata;

import java.util.Map;

/**
 * Who sends a request: the tenant they act in, their subject and role, and the request's correlation id.
 * Until the gateway derives it from a token, it travels in the {@code X-Tenant-Id}, {@code X-Subject},
 * {@code X-Role} and {@code X-Request-Id} headers.
 */
public record Actor(String tenantId, String subject, String role, String correlationId) {

    /** Metadata for a command this actor sends; Axon copies it onto every event the command causes. */
    public MetaData metaData() {
        return AuditMetadata.of(tenantId, subject, role).mergedWith(Map.of(AuditMetadata.CORRELATION, correlationId));
    }

    public boolean hasRole(String expected) {
        return role.equals(expected);
    }
}
