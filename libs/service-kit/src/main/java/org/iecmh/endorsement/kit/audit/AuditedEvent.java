package org.iecmh.endorsement.kit.audit;

import java.time.Instant;
import java.util.Map;

/**
 * One stored event as an auditor sees it: which aggregate, what happened, when, in which tenant, by whom, and why.
 * The payload is in the event's current shape (older revisions upcast).
 */
public record AuditedEvent(
        String aggregateId,
        long sequenceNumber,
        String eventId,
        String type,
        Instant time,
        String tenantId,
        String subject,
        String role,
        String correlationId,
        String causationId,
        Map<String, Object> payload) {
}
