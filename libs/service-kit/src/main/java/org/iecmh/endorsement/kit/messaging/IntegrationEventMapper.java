package org.iecmh.endorsement.kit.messaging;

import org.axonframework.eventhandling.EventMessage;
import org.iecmh.endorsement.contracts.IntegrationEvent;

import java.util.Optional;

/**
 * The one place per service where stored domain events become public integration events.
 * Domain events it does not map stay inside the service.
 */
@FunctionalInterface
public interface IntegrationEventMapper {

    Optional<IntegrationEvent> map(EventMessage<?> domainEvent);
}
