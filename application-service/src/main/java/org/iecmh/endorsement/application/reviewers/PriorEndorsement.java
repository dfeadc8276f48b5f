package org.iecmh.endorsement.application.reviewers;

import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.messaging.annotation.MetaDataValue;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;
import org.iecmh.endorsement.application.imports.EndorsementImported;
import org.iecmh.endorsement.application.imports.ImportEndorsement;
import org.iecmh.endorsement.kit.audit.AuditMetadata;
import org.iecmh.endorsement.kit.eventstore.AggregateStorage;
import org.iecmh.endorsement.kit.tenancy.TenantOwnedAggregate;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * An endorsement granted before the platform, as its association attests, kept with who recorded it and when: by
 * hand (a reviewer's) or imported from the association's file of endorsees. Its stream's id is its number, so a
 * number is brought onto the platform once: a second import of it meets the stream and is refused there.
 */
@Aggregate(snapshotTriggerDefinition = AggregateStorage.SNAPSHOTS, cache = AggregateStorage.CACHE)
public class PriorEndorsement extends TenantOwnedAggregate {

    @AggregateIdentifier
    private String endorsementNumber;
    private String tenantId;

    protected PriorEndorsement() {
    }

    @CommandHandler
    public PriorEndorsement(RecordPriorEndorsement command, @MetaDataValue(AuditMetadata.TENANT) String tenantId) {
        apply(new PriorEndorsementRecorded(command.endorsementNumber(), tenantId, command.subject(), command.name(),
                command.category(), command.endorsedSince(), command.addOns()));
    }

    @CommandHandler
    public PriorEndorsement(ImportEndorsement command, @MetaDataValue(AuditMetadata.TENANT) String tenantId) {
        apply(new EndorsementImported(command.endorsementNumber(), tenantId,
                org.iecmh.endorsement.contracts.EndorsementImported.personOf(command.email()), command.name(),
                command.email(), command.category(), command.addOns(), command.endorsedSince(),
                command.validThrough(), command.status(), command.importId(), command.fileSha256(),
                command.importedBy(), command.importedAt()));
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
    void on(PriorEndorsementRecorded event) {
        endorsementNumber = event.endorsementNumber();
        tenantId = event.tenantId();
    }

    @EventSourcingHandler
    void on(EndorsementImported event) {
        endorsementNumber = event.endorsementNumber();
        tenantId = event.tenantId();
    }
}
