package org.iecmh.endorsement.kit.audit;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.messaging.MetaData;
import org.iecmh.endorsement.kit.web.UnknownResource;
import org.springframework.jdbc.core.JdbcTemplate;

import java.util.Comparator;
import java.util.List;
import java.util.Map;

/** Reads aggregates' streams from the event store: their whole history, in order, for one tenant. */
public class AuditTrail {

    private static final TypeReference<Map<String, Object>> JSON_OBJECT = new TypeReference<>() {
    };
    private static final Comparator<AuditedEvent> IN_ORDER = Comparator.comparing(AuditedEvent::time)
            .thenComparing(AuditedEvent::aggregateId).thenComparingLong(AuditedEvent::sequenceNumber);

    private final EventStore eventStore;
    private final ObjectMapper json;
    private final EventChain chain;
    private final JdbcTemplate jdbc;

    public AuditTrail(EventStore eventStore, ObjectMapper json, EventChain chain, JdbcTemplate jdbc) {
        this.eventStore = eventStore;
        this.json = json;
        this.chain = chain;
        this.jdbc = jdbc;
    }

    /**
     * Every event of the aggregate, oldest first. An aggregate of another tenant, like one that does not exist,
     * is unknown to the caller.
     */
    public List<AuditedEvent> history(String kind, String aggregateId, String tenantId) {
        List<AuditedEvent> events = stream(aggregateId).stream().map(this::audited).toList();
        if (events.isEmpty() || !tenantId.equals(events.get(0).tenantId())) {
            throw new UnknownResource(kind, aggregateId);
        }
        return events;
    }

    /**
     * The aggregate of {@code aggregateType} that the tenant owns now (the tenant of its newest event: an
     * endorsement transferred to another association moves with its whole history). Anything else is unknown.
     */
    public EventChain.Head requireOwned(String kind, String aggregateType, String aggregateId, String tenantId) {
        return chain.head(aggregateId)
                .filter(head -> aggregateType.equals(head.aggregateType()) && tenantId.equals(head.tenantId()))
                .orElseThrow(() -> new UnknownResource(kind, aggregateId));
    }

    /** One page of an aggregate's events that pass the filter, oldest first. */
    public AuditPage events(String kind, String aggregateType, String aggregateId, String tenantId,
                            HistoryFilter filter) {
        requireOwned(kind, aggregateType, aggregateId, tenantId);
        return page(stream(aggregateId).stream().map(this::audited).filter(filter::admits).toList(), filter);
    }

    /**
     * One page of the events of every aggregate of {@code aggregateType} in the tenant that names the person, in
     * the order they were stored (by time, then aggregate and sequence).
     */
    public AuditPage personEvents(String kind, String aggregateType, String personId, String tenantId,
                                  HistoryFilter filter) {
        List<String> aggregates = personAggregates(aggregateType, personId, tenantId);
        if (aggregates.isEmpty()) {
            throw new UnknownResource("person", personId);
        }
        return page(aggregates.stream().flatMap(id -> stream(id).stream()).map(this::audited)
                .filter(filter::admits).sorted(IN_ORDER).toList(), filter);
    }

    /** The aggregates of the type that the tenant owns and whose events name the person. */
    public List<String> personAggregates(String aggregateType, String personId, String tenantId) {
        return jdbc.queryForList("""
                SELECT p.aggregate_identifier FROM audit_person_stream p
                JOIN event_chain_head h ON h.aggregate_identifier = p.aggregate_identifier
                WHERE p.person_id = ? AND h.tenant_id = ? AND h.aggregate_type = ?
                ORDER BY p.aggregate_identifier""", String.class, personId, tenantId, aggregateType);
    }

    /** Every event of the aggregate as Axon reads it (upcast to its current shape), oldest first; never a snapshot. */
    public List<? extends DomainEventMessage<?>> stream(String aggregateId) {
        return eventStore.readEvents(aggregateId, 0).asStream().toList();
    }

    private static AuditPage page(List<AuditedEvent> matching, HistoryFilter filter) {
        int from = (int) Math.min(matching.size(), (long) filter.page() * filter.size());
        int to = Math.min(matching.size(), from + filter.size());
        return new AuditPage(matching.subList(from, to), filter.page(), filter.size(), matching.size());
    }

    private AuditedEvent audited(DomainEventMessage<?> event) {
        MetaData meta = event.getMetaData();
        return new AuditedEvent(
                event.getAggregateIdentifier(),
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
