package org.iecmh.endorsement.kit.messaging;

import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.EventMessage;

import java.util.List;

/**
 * Reads the service's own event store with a tracking processor and publishes the mapped integration events.
 * The event store is the outbox: nothing is published that was not stored, and since the processor's token
 * advances only after Kafka acknowledged, nothing stored is lost. A failed send stops the processor at that event
 * and it retries; consumers drop the duplicates a retry may cause.
 */
@ProcessingGroup(IntegrationEventRelay.PROCESSING_GROUP)
public class IntegrationEventRelay {

    public static final String PROCESSING_GROUP = "integration-relay";

    private final List<IntegrationEventMapper> mappers;
    private final IntegrationEventPublisher publisher;
    private final TraceParent trace;

    public IntegrationEventRelay(List<IntegrationEventMapper> mappers, IntegrationEventPublisher publisher,
                                 TraceParent trace) {
        this.mappers = List.copyOf(mappers);
        this.publisher = publisher;
        this.trace = trace;
    }

    /** Publishes in the trace of the request that stored the event, so the record's traceparent leads back to it. */
    @EventHandler
    public void on(Object payload, EventMessage<?> domainEvent) {
        for (IntegrationEventMapper mapper : mappers) {
            mapper.map(domainEvent).ifPresent(event -> trace.continueTrace(domainEvent, "relay " + event.getClass()
                    .getSimpleName(), () -> publisher.publish(event, domainEvent)));
        }
    }
}
