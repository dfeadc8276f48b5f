package org.iecmh.endorsement.renewal.reinstatement;

import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.iecmh.endorsement.kit.web.DomainRuleViolation;
import org.iecmh.endorsement.renewal.lifecycle.EndorsementReactivated;
import org.iecmh.endorsement.renewal.lifecycle.EndorsementStatus;
import org.iecmh.endorsement.renewal.requirements.YearProgress;
import org.iecmh.endorsement.renewal.requirements.YearlyActivityLog;
import org.iecmh.endorsement.renewal.standing.EndorsementPart;

import java.util.List;
import java.util.Map;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * Reinstatement after a lapse, a part of the Endorsement aggregate: the endorsee asks, the fee (where the association
 * charges one) is paid, the years since the lapse are met, and a coordinator brings the endorsement back under its own
 * number and history.
 */
public class Reinstatement extends EndorsementPart {

    private int reinstatements;
    /** The invoice of the reinstatement under way, if one is. */
    private String invoiceId;
    private boolean feePaid;

    @CommandHandler
    void handle(RequestReinstatement command) {
        String number = standing.endorsementNumber();
        if (standing.status() != EndorsementStatus.LAPSED) {
            throw new DomainRuleViolation("reinstatement-needs-lapsed-endorsement",
                    number + " is " + standing.status().name().toLowerCase());
        }
        if (invoiceId != null) {
            throw new DomainRuleViolation("reinstatement-already-requested",
                    "A reinstatement of " + number + " is under way");
        }
        apply(new ReinstatementRequested(number, standing.tenantId(), standing.personId(),
                ReinstatementRequested.INVOICE_PREFIX + number + "-" + (reinstatements + 1), command.today(),
                command.policy().reinstatementFee()));
    }

    /** A payment for any other invoice, or a second report of this one, changes nothing. */
    @CommandHandler
    void handle(RecordReinstatementFeePaid command) {
        if (command.invoiceId().equals(invoiceId) && !feePaid) {
            apply(new ReinstatementFeePaid(standing.endorsementNumber(), standing.tenantId(), command.invoiceId()));
        }
    }

    /**
     * Back on the registry with the same number and history, once the fee is paid and the years since the lapse met
     * (by the activity the endorsement's activity keeps and hands over).
     */
    public void approve(ApproveReinstatement command, YearlyActivityLog activity) {
        String number = standing.endorsementNumber();
        if (invoiceId == null) {
            throw new DomainRuleViolation("reinstatement-not-requested",
                    "No reinstatement of " + number + " waits for approval");
        }
        if (!feePaid) {
            throw new DomainRuleViolation("reinstatement-fee-unpaid",
                    "The reinstatement fee (invoice " + invoiceId + ") is not paid");
        }
        List<YearProgress> unmet = activity.unmet(standing.lapsedOn().getYear(), command.today().getYear(),
                standing.category(), command.policy());
        if (!unmet.isEmpty()) {
            throw new DomainRuleViolation("reinstatement-requirements-unmet", unmet.size()
                    + " year(s) since the lapse do not meet the association's requirements", Map.of("years", unmet));
        }
        apply(new EndorsementReactivated(number, standing.tenantId(), command.today(),
                command.policy().validThroughOnReturn(standing.validThrough(), command.today())));
    }

    @EventSourcingHandler
    void on(ReinstatementRequested event) {
        reinstatements++;
        invoiceId = event.invoiceId();
        feePaid = !event.feeCharged();
    }

    @EventSourcingHandler
    void on(ReinstatementFeePaid event) {
        feePaid = true;
    }

    @Override
    protected void reactivated() {
        invoiceId = null;
        feePaid = false;
    }
}
