package org.iecmh.endorsement.kit.audit;

/**
 * The first place a chain does not hold: the event (or head) at which it breaks, what the chain says should be
 * there and what was found. {@code problem} is {@code hash-mismatch} (the event or one before it was changed),
 * {@code sequence-gap} (an event is missing), {@code head-mismatch} (the newest events were removed or the head
 * changed) or {@code head-missing}.
 */
public record BrokenLink(String aggregateId, long sequenceNumber, String eventId, String problem, String expected,
                         String found) {
}
