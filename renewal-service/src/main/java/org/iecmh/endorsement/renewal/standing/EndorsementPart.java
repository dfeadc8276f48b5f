package org.iecmh.endorsement.renewal.standing;

import org.axonframework.eventsourcing.EventSourcingHandler;
import org.iecmh.endorsement.renewal.claim.EndorsementClaimed;
import org.iecmh.endorsement.renewal.lifecycle.EndorsementActivated;
import org.iecmh.endorsement.renewal.lifecycle.EndorsementInactivated;
import org.iecmh.endorsement.renewal.lifecycle.EndorsementReactivated;
import org.iecmh.endorsement.renewal.lifecycle.EndorsementRevoked;
import org.iecmh.endorsement.renewal.schedule.EndorsementLapsed;
import org.iecmh.endorsement.renewal.submission.EndorsementRenewed;
import org.iecmh.endorsement.renewal.submission.RenewalReturned;
import org.iecmh.endorsement.renewal.submission.RenewalSubmitted;
import org.iecmh.endorsement.renewal.transfer.EndorsementTransferred;

/**
 * A part of the Endorsement aggregate (an {@code @AggregateMember} of it) that decides one feature's commands: it
 * keeps its own {@link Standing} from the events every part sees, and its own state from its feature's events. A part
 * that forgets something when a cycle ends, or on a lapse, a reactivation or a transfer, says so in the hooks below;
 * it declares no handler of these events itself, since an entity's handler for an event hides its superclass's.
 */
public abstract class EndorsementPart {

    protected final Standing standing = new Standing();

    /** A new valid-through: the cycle before is over. */
    protected void newCycle() {
    }

    protected void lapsed() {
    }

    protected void reactivated() {
    }

    protected void transferred() {
    }

    @EventSourcingHandler
    void on(EndorsementActivated event) {
        standing.activated(event.endorsementNumber(), event.tenantId(), event.personId(), event.category(),
                event.endorsedSince(), event.validThrough());
    }

    @EventSourcingHandler
    void on(EndorsementClaimed event) {
        standing.claimedBy(event.personId());
    }

    @EventSourcingHandler
    void on(EndorsementLapsed event) {
        standing.lapsed(event.lapsedOn());
        lapsed();
    }

    @EventSourcingHandler
    void on(EndorsementRevoked event) {
        standing.revoked();
    }

    @EventSourcingHandler
    void on(EndorsementInactivated event) {
        standing.inactivated(event.inactiveUntil());
    }

    @EventSourcingHandler
    void on(EndorsementReactivated event) {
        if (standing.reactivated(event.validThrough())) {
            newCycle();
        }
        reactivated();
    }

    @EventSourcingHandler
    void on(EndorsementRenewed event) {
        if (standing.renewed(event.validThrough())) {
            newCycle();
        }
    }

    @EventSourcingHandler
    void on(EndorsementTransferred event) {
        if (standing.transferred(event.toTenantId(), event.validThrough())) {
            newCycle();
        }
        transferred();
    }

    @EventSourcingHandler
    void on(RenewalSubmitted event) {
        standing.submitted();
    }

    @EventSourcingHandler
    void on(RenewalReturned event) {
        standing.returned();
    }
}
