package org.iecmh.endorsement.renewal.lifecycle;

import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.messaging.annotation.MetaDataValue;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;
import org.iecmh.endorsement.kit.audit.AuditMetadata;
import org.iecmh.endorsement.kit.tenancy.TenantOwnedAggregate;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/** A granted endorsement, identified by its number, for as long as it lives. */
@Aggregate
public class Endorsement extends TenantOwnedAggregate {

    @AggregateIdentifier
    private String endorsementNumber;
    private String tenantId;

    protected Endorsement() {
    }

    @CommandHandler
    public Endorsement(ActivateEndorsement command, @MetaDataValue(AuditMetadata.TENANT) String tenantId) {
        apply(new EndorsementActivated(command.endorsementNumber(), tenantId, command.applicationId(),
                command.personId(), command.endorseeName(), command.category(), command.grantedAt(),
                command.validThrough()));
    }

    @Override
    protected String owningTenant() {
        return tenantId;
    }

    @Override
    protected String kind() {
        return "endorsement";
    }

    @Override
    protected String id() {
        return endorsementNumber;
    }

    @EventSourcingHandler
    void on(EndorsementActivated event) {
        endorsementNumber = event.endorsementNumber();
        tenantId = event.tenantId();
    }
}
