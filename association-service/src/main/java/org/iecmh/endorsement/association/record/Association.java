package org.iecmh.endorsement.association.record;

import org.iecmh.endorsement.kit.web.Role;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;
import org.iecmh.endorsement.contracts.association.InvalidAssociation;
import org.iecmh.endorsement.contracts.association.Violation;
import org.iecmh.endorsement.kit.audit.AuditMetadata;
import org.iecmh.endorsement.kit.eventstore.AggregateStorage;
import org.iecmh.endorsement.kit.tenancy.TenantOwnedAggregate;

import java.util.List;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * One association's record, a stream per association code. Each change is checked as a whole before it is accepted
 * (nothing is stored otherwise), and each event carries the whole record that results, which the relay publishes as
 * {@code AssociationChanged}. The association's own admins act on it; a platform admin acts on any association.
 */
@Aggregate(snapshotTriggerDefinition = AggregateStorage.SNAPSHOTS, cache = AggregateStorage.CACHE)
public class Association extends TenantOwnedAggregate {

    @AggregateIdentifier
    private String code;
    private org.iecmh.endorsement.contracts.association.Association record;

    protected Association() {
    }

    @CommandHandler
    public Association(CreateAssociation command) {
        org.iecmh.endorsement.contracts.association.Association created = command.record().validated();
        if (!created.code().equals(command.code())) {
            throw new InvalidAssociation(List.of(new Violation("code", "code-matches",
                    "The record's code must be the association's code, " + command.code())));
        }
        apply(new AssociationCreated(created.code(), created));
    }

    @CommandHandler
    void handle(ChangeProfile command) {
        apply(new ProfileChanged(code, command.profile().appliedTo(record).validated()));
    }

    @CommandHandler
    void handle(AddPolicyVersion command) {
        org.iecmh.endorsement.contracts.association.Association changed = PolicyVersions.add(record,
                command.part(), command.version(), record.day(command.now()));
        apply(new PolicyVersionAdded(code, command.part(), command.version().effectiveFrom(), changed));
    }

    @EventSourcingHandler
    void on(AssociationCreated event) {
        code = event.code();
        record = event.record();
    }

    @EventSourcingHandler
    void on(ProfileChanged event) {
        record = event.record();
    }

    @EventSourcingHandler
    void on(PolicyVersionAdded event) {
        record = event.record();
    }

    @Override
    protected String owningTenant() {
        return code;
    }

    @Override
    protected String kind() {
        return "association";
    }

    @Override
    protected String id() {
        return code;
    }

    /** A platform admin acts on every association, whichever tenant their token names. */
    @Override
    protected boolean admitsFromAnotherTenant(String callerTenant, CommandMessage<?> command) {
        return Role.PLATFORM_ADMIN.is((String) command.getMetaData().get(AuditMetadata.ROLE));
    }
}
