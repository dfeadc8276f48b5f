package org.iecmh.endorsement.association;

import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.iecmh.endorsement.association.preferences.MailPreferencesChosen;
import org.iecmh.endorsement.association.record.RecordChanged;
import org.iecmh.endorsement.contracts.IntegrationEvent;
import org.iecmh.endorsement.contracts.MailPreferencesChanged;
import org.iecmh.endorsement.contracts.association.Association;
import org.iecmh.endorsement.contracts.association.AssociationChanged;
import org.iecmh.endorsement.kit.audit.AuditMetadata;
import org.iecmh.endorsement.kit.messaging.IntegrationEventMapper;
import org.springframework.stereotype.Component;

import java.util.Objects;
import java.util.Optional;

/**
 * What association-service tells the others: after every change, the association's whole record, and after each
 * choice of a person, their mail preferences; each numbered by its place in its stream (so a consumer keeps the newest
 * whatever order it receives them in).
 */
@Component
class AssociationIntegrationEvents implements IntegrationEventMapper {

    @Override
    public Optional<IntegrationEvent> map(EventMessage<?> domainEvent) {
        if (!(domainEvent instanceof DomainEventMessage<?> stored)) {
            return Optional.empty();
        }
        if (domainEvent.getPayload() instanceof MailPreferencesChosen chosen) {
            return Optional.of(new MailPreferencesChanged(chosen.tenantId(), chosen.personId(),
                    chosen.emailAddress(), chosen.language(), stored.getSequenceNumber(), domainEvent.getTimestamp()));
        }
        if (!(domainEvent.getPayload() instanceof RecordChanged change)) {
            return Optional.empty();
        }
        Association record = change.record();
        String changedBy = Objects.toString(domainEvent.getMetaData().get(AuditMetadata.SUBJECT), "system");
        return Optional.of(new AssociationChanged(record.code(), stored.getSequenceNumber(),
                domainEvent.getTimestamp(), changedBy, record));
    }
}
