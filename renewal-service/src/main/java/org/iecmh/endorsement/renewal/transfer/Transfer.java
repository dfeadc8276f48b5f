package org.iecmh.endorsement.renewal.transfer;

import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.messaging.annotation.MetaDataValue;
import org.iecmh.endorsement.kit.audit.AuditMetadata;
import org.iecmh.endorsement.kit.web.DomainRuleViolation;
import org.iecmh.endorsement.renewal.standing.EndorsementPart;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * Moving state, a part of the Endorsement aggregate: the endorsee asks for a transfer to another association, whose
 * coordinator accepts it; the endorsement then belongs to that association and follows its cycle.
 */
public class Transfer extends EndorsementPart {

    /** The association a requested transfer waits for, if one does. */
    private String transferTo;

    /** Whether a transfer to {@code tenant} waits for that association's acceptance. */
    public boolean waitsFor(String tenant) {
        return tenant.equals(transferTo);
    }

    @CommandHandler
    void handle(RequestTransfer command) {
        standing.requireActive("transfer-needs-active-endorsement");
        String number = standing.endorsementNumber();
        if (command.toTenantId().equals(standing.tenantId())) {
            throw new DomainRuleViolation("transfer-to-same-association",
                    number + " already belongs to " + standing.tenantId());
        }
        if (transferTo != null) {
            throw new DomainRuleViolation("transfer-already-requested",
                    "A transfer of " + number + " to " + transferTo + " waits for acceptance");
        }
        apply(new TransferRequested(number, standing.tenantId(), command.toTenantId(), command.today()));
    }

    /**
     * Sent in the receiving tenant, which does not own the endorsement yet: the aggregate lets it through while a
     * transfer to that tenant waits, and the owning tenant changes with the event it applies.
     */
    @CommandHandler
    void handle(AcceptTransfer command, @MetaDataValue(AuditMetadata.TENANT) String callerTenant) {
        if (transferTo == null || !transferTo.equals(callerTenant)) {
            throw new DomainRuleViolation("transfer-accepted-by-receiving-association",
                    "Only the association " + standing.endorsementNumber() + " is being transferred to accepts it");
        }
        standing.requireActive("transfer-needs-active-endorsement");
        // Realigned to the receiving association's cycle: its first due date (or window close) on or after today.
        apply(new EndorsementTransferred(standing.endorsementNumber(), standing.tenantId(), transferTo,
                command.today(), command.policy().validThroughOnTransfer(command.today())));
    }

    @EventSourcingHandler
    void on(TransferRequested event) {
        transferTo = event.toTenantId();
    }

    @Override
    protected void transferred() {
        transferTo = null;
    }
}
