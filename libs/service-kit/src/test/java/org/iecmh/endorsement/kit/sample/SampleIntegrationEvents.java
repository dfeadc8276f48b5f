package org.iecmh.endorsement.kit.sample;

import org.axonframework.eventhandling.EventMessage;
import org.iecmh.endorsement.contracts.ApplicationSubmitted;
import org.iecmh.endorsement.contracts.IntegrationEvent;
import org.iecmh.endorsement.kit.messaging.IntegrationEventMapper;
import org.springframework.stereotype.Component;

import java.util.Optional;

@Component
class SampleIntegrationEvents implements IntegrationEventMapper {

    @Override
    public Optional<IntegrationEvent> map(EventMessage<?> domainEvent) {
        if (domainEvent.getPayload() instanceof SampleSubmission.Submitted submitted) {
            return Optional.of(new ApplicationSubmitted(submitted.tenantId(), submitted.id(), submitted.personId(),
                    submitted.name(), submitted.category(), domainEvent.getTimestamp()));
        }
        return Optional.empty();
    }
}
