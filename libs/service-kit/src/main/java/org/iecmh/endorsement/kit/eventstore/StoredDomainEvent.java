package org.iecmh.endorsement.kit.eventstore;

import org.axonframework.eventhandling.GenericDomainEventEntry;

import java.time.Instant;

/**
 * A stored event read back, as Axon's own entry, with its timestamp text read by {@link StoredTimestamp} when it is
 * asked for rather than by Axon's general ISO parser.
 */
final class StoredDomainEvent<T> extends GenericDomainEventEntry<T> {

    private final String timestamp;

    StoredDomainEvent(String type, String aggregateIdentifier, long sequenceNumber, String eventIdentifier,
                      String timestamp, String payloadType, String payloadRevision, T payload, T metaData) {
        super(type, aggregateIdentifier, sequenceNumber, eventIdentifier, timestamp, payloadType, payloadRevision,
                payload, metaData);
        this.timestamp = timestamp;
    }

    @Override
    public Instant getTimestamp() {
        return StoredTimestamp.parse(timestamp);
    }
}
