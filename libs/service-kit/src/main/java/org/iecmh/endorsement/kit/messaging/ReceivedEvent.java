package org.iecmh.endorsement.kit.messaging;

import org.axonframework.messaging.MetaData;
import org.iecmh.endorsement.contracts.IntegrationEvent;
import org.iecmh.endorsement.kit.audit.AuditMetadata;

import java.util.Map;

/** An integration event as a consumer receives it: the event, its CloudEvents id, and where it came from. */
public record ReceivedEvent(String id, String type, String source, String correlationId, IntegrationEvent event) {

    public String tenantId() {
        return event.tenantId();
    }

    /**
     * Metadata for a command the consuming service sends in reaction: the service acts as itself, in the event's
     * tenant, in the event's conversation, caused by the event.
     */
    public MetaData commandMetaData(String consumingService) {
        return AuditMetadata.of(event.tenantId(), "service:" + consumingService, AuditMetadata.SYSTEM_ROLE)
                .mergedWith(Map.of(AuditMetadata.CORRELATION, correlationId, AuditMetadata.CAUSATION, id));
    }
}
