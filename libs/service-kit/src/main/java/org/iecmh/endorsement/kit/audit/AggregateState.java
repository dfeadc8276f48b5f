package org.iecmh.endorsement.kit.audit;

import java.time.Instant;

/** An aggregate as it was after event {@code sequenceNumber} (stored at {@code time}), in its live view's shape. */
public record AggregateState(String kind, String aggregateId, long sequenceNumber, Instant time, Object view) {
}
