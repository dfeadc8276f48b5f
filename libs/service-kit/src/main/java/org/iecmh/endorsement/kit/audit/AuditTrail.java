package org.iecmh.endorsement.kit.audit;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.messaging.MetaData;
import org.iecmh.endorsement.kit.web.UnknownResource;

import java.util.List;
import java.util.Map;

/** Reads an aggregate's stream from the event store: its whole history, in order, for one tenant. */
public class AuditTrail {

    private static final TypeReference<Map<String, Object>> JSON_OBJECT = new TypeReference<>() {
    };

    private final EventStore eventStore;
    private final ObjectMapper json;

    public AuditTrail(EventStore eventStore, ObjectMapper json) {
        this.eventStore = eventStore;
        this.json = json;
    }

    /**
     * Every event of the aggregate, oldest first. An aggregate of another tenant, like one that does not exist,
     * is unknown to the caller.
     */
    public List<AuditedEvent> history(String kind, String aggregateId, String tenantId) {
        List<AuditedEvent> events = eventStore.readEvents(aggregateId).asStream().map(this::audited).toList();
        if (events.isEmpty() || !tenantId.equals(events.get(0).tenantId())) {
            throw new UnknownResource(kind, aggregateId);
        }
        return events;
    }

    private AuditedEvent audited(DomainEventMessage<?> event) {
        MetaData meta = event.getMetaData();
        return new AuditedEvent(
                event.getSequenceNumber(),
                event.getIdentifier(),
                event.getPayloadType().getSimpleName(),
                event.getTimestamp(),
                text(meta, AuditMetadata.TENANT),
                text(meta, AuditMetadata.SUBJECT),
                text(meta, AuditMetadata.ROLE),
                text(meta, AuditMetadata.CORRELATION),
                text(meta, AuditMetadata.CAUSATION),
                json.convertValue(event.getPayload(), JSON_OBJECT));
    }

    private static String text(MetaData meta, String key) {
        Object value = meta.get(key);
        return value == null ? null : value.toString();
    }
}
