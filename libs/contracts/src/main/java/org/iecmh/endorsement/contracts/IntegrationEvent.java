package org.iecmh.endorsement.contracts;

/**
 * An event one service publishes for the others: a small, versioned, public fact.
 * Domain events stay inside the service that stores them; these cross the wire.
 */
public interface IntegrationEvent {

    /** The association the event belongs to, such as {@code ma} or {@code wa}. */
    String tenantId();

    /** The Kafka record key: the person or endorsement the event is about, so that their events stay in order. */
    String partitionKey();
}
