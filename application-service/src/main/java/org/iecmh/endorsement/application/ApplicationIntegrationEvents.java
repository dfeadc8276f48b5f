package org.iecmh.endorsement.application;

import org.axonframework.eventhandling.EventMessage;
import org.iecmh.endorsement.application.imports.EndorsementImported;
import org.iecmh.endorsement.application.review.EndorsementGranted;
import org.iecmh.endorsement.contracts.AddOn;
import org.iecmh.endorsement.application.submission.ApplicationSubmitted;
import org.iecmh.endorsement.contracts.IntegrationEvent;
import org.iecmh.endorsement.kit.messaging.IntegrationEventMapper;
import org.springframework.stereotype.Component;

import java.util.Optional;

/** What application-service tells the others: the one place its domain events become integration events. */
@Component
class ApplicationIntegrationEvents implements IntegrationEventMapper {

    @Override
    public Optional<IntegrationEvent> map(EventMessage<?> domainEvent) {
        Object payload = domainEvent.getPayload();
        if (payload instanceof ApplicationSubmitted e) {
            return Optional.of(new org.iecmh.endorsement.contracts.ApplicationSubmitted(e.tenantId(),
                    e.applicationId(), e.personId(), e.applicantName(), e.category().abbreviation(),
                    domainEvent.getTimestamp(), e.contactEmail()));
        }
        if (payload instanceof EndorsementGranted e) {
            return Optional.of(new org.iecmh.endorsement.contracts.EndorsementGranted(e.tenantId(),
                    e.endorsementNumber(), e.applicationId(), e.personId(), e.endorseeName(),
                    e.category().abbreviation(), domainEvent.getTimestamp(), e.validThrough(), e.email()));
        }
        if (payload instanceof EndorsementImported e) {
            return Optional.of(new org.iecmh.endorsement.contracts.EndorsementImported(e.tenantId(),
                    e.endorsementNumber(), e.personId(), e.name(), e.email(), e.category().abbreviation(),
                    e.addOns().stream().map(AddOn::abbreviation).toList(), e.endorsedSince(), e.validThrough(),
                    e.status().name(), e.importedBy(), e.importedAt(), e.fileSha256()));
        }
        return Optional.empty();
    }
}
