package org.iecmh.endorsement.kit.audit;

import java.time.Instant;
import java.util.Map;

/** One stored event as an auditor sees it: what happened, when, in which tenant, by whom, and why. */
public record AuditedEvent(
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
