package org.iecmh.endorsement.association.record;

import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.DomainEventStream;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.iecmh.endorsement.contracts.association.Association;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.util.Optional;

/**
 * An association's record as it was recorded at an instant: its stream read up to that instant. Every event carries
 * the whole record after it, so the last one read is the answer.
 */
@Component
public class PolicyHistory {

    /** The record as it stood at {@code at}, with the sequence of the change that made it so. */
    public record AsRecorded(String code, Instant at, long sequence, Instant changedAt, Association record) {
    }

    private final EventStore eventStore;

    PolicyHistory(EventStore eventStore) {
        this.eventStore = eventStore;
    }

    /** Empty when the association did not exist yet at {@code at}. */
    public Optional<AsRecorded> at(String code, Instant at) {
        // From the first event: a snapshot would hide the instants before it.
        DomainEventStream stream = eventStore.readEvents(code, 0);
        AsRecorded found = null;
        while (stream.hasNext()) {
            DomainEventMessage<?> event = stream.next();
            if (event.getTimestamp().isAfter(at)) {
                break;
            }
            if (event.getPayload() instanceof RecordChanged change) {
                found = new AsRecorded(code, at, event.getSequenceNumber(), event.getTimestamp(), change.record());
            }
        }
        return Optional.ofNullable(found);
    }
}
