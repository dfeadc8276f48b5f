package org.iecmh.endorsement.association.preferences;

import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;
import org.axonframework.spring.stereotype.Aggregate;
import org.iecmh.endorsement.kit.eventstore.AggregateStorage;
import org.iecmh.endorsement.kit.tenancy.TenantOwnedAggregate;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * How one person chose to be mailed in one association, a stream per person and association (its id
 * {@code <association>:<subject>}): kept once here for every service, which each learn it from the published
 * {@code MailPreferencesChanged}. Only the person chooses; a choice replaces the one before it.
 */
@Aggregate(snapshotTriggerDefinition = AggregateStorage.SNAPSHOTS, cache = AggregateStorage.CACHE)
public class MailPreferences extends TenantOwnedAggregate {

    @AggregateIdentifier
    private String preferencesId;
    private String tenantId;

    protected MailPreferences() {
    }

    /** The stream of {@code person}'s choices in {@code tenantId}. */
    public static String idOf(String tenantId, String person) {
        return tenantId + ":" + person;
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    void handle(ChooseMailPreferences command) {
        if (!command.preferencesId().equals(idOf(command.tenantId(), command.personId()))) {
            throw new IllegalArgumentException("The preferences of " + command.personId() + " in "
                    + command.tenantId() + " are not " + command.preferencesId());
        }
        apply(new MailPreferencesChosen(command.preferencesId(), command.tenantId(), command.personId(),
                command.emailAddress(), command.language()));
    }

    @EventSourcingHandler
    void on(MailPreferencesChosen event) {
        preferencesId = event.preferencesId();
        tenantId = event.tenantId();
    }

    @Override
    protected String owningTenant() {
        return tenantId;
    }

    @Override
    protected String kind() {
        return "mail preferences";
    }

    @Override
    protected String id() {
        return preferencesId;
    }

    /**
     * A person's first choice makes the stream, which no association owns yet: the command's id names the caller's
     * own association and subject, which the handler holds it to.
     */
    @Override
    protected boolean admitsFromAnotherTenant(String callerTenant, CommandMessage<?> command) {
        return tenantId == null && command.getPayload() instanceof ChooseMailPreferences choose
                && choose.tenantId().equals(callerTenant);
    }
}
