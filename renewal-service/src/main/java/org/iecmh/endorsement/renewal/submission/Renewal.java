package org.iecmh.endorsement.renewal.submission;

import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.iecmh.endorsement.contracts.association.RenewalPolicy;
import org.iecmh.endorsement.contracts.association.RenewalWindow;
import org.iecmh.endorsement.kit.web.DomainRuleViolation;
import org.iecmh.endorsement.renewal.requirements.YearProgress;
import org.iecmh.endorsement.renewal.requirements.YearlyActivityLog;
import org.iecmh.endorsement.renewal.standing.EndorsementPart;

import java.util.List;
import java.util.Map;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * The renewal of the current cycle, a part of the Endorsement aggregate: submitted by the endorsee inside the window
 * once every year of the cycle is met, late in the grace period for the late fee, returned or approved by a
 * coordinator.
 */
public class Renewal extends EndorsementPart {

    /** The late fee invoice of the current cycle's renewal, if it was submitted late where that costs a fee. */
    private String lateFeeInvoice;
    private boolean lateFeePaid;

    /** Judged by the activity logged for the cycle, which the endorsement's activity keeps and hands over. */
    public void submit(SubmitRenewal command, YearlyActivityLog activity) {
        standing.requireActive("renewal-needs-active-endorsement");
        String number = standing.endorsementNumber();
        if (standing.renewalSubmitted()) {
            throw new DomainRuleViolation("renewal-already-submitted",
                    "A renewal of " + number + " waits for the coordinator");
        }
        RenewalPolicy policy = command.policy();
        RenewalWindow window = policy.windowFor(standing.validThrough());
        if (!window.isOpenOn(command.today())) {
            throw new DomainRuleViolation("renewal-window-closed", "Renewals of " + number
                    + " are accepted from " + window.opensOn() + " to " + window.lapsesAfter());
        }
        List<YearProgress> unmet = activity.unmet(standing.endorsedSince(), standing.validThrough(),
                standing.category(), policy);
        if (!unmet.isEmpty()) {
            throw new DomainRuleViolation("renewal-requirements-unmet", unmet.size()
                    + " year(s) of the cycle do not meet the association's requirements", Map.of("years", unmet));
        }
        boolean late = window.isLateOn(command.today());
        apply(new RenewalSubmitted(number, standing.tenantId(), command.today(), late,
                late ? policy.lateFeeCents() : 0, policy.currency()));
        if (late && policy.lateFeeCents() > 0 && lateFeeInvoice == null) {
            // One invoice per cycle: the year of the due date it was late for names it.
            apply(new LateRenewalFeeCharged(number, standing.tenantId(), standing.personId(),
                    LateRenewalFeeCharged.INVOICE_PREFIX + number + "-" + standing.validThrough().getYear(),
                    policy.lateFeeCents(), policy.currency(), command.today()));
        }
    }

    /** A payment for any other invoice, or a second report of this one, changes nothing. */
    @CommandHandler
    void handle(RecordLateRenewalFeePaid command) {
        if (command.invoiceId().equals(lateFeeInvoice) && !lateFeePaid) {
            apply(new LateRenewalFeePaid(standing.endorsementNumber(), standing.tenantId(), command.invoiceId()));
        }
    }

    @CommandHandler
    void handle(ReturnRenewal command) {
        requireSubmitted();
        apply(new RenewalReturned(standing.endorsementNumber(), standing.tenantId(), command.comments()));
    }

    /** Approved by the coordinator, once the endorsement's evidence allows it (the root asks it first). */
    public void approve(ApproveRenewal command) {
        requireSubmitted();
        if (lateFeeInvoice != null && !lateFeePaid) {
            throw new DomainRuleViolation("late-fee-unpaid",
                    "The late renewal fee (invoice " + lateFeeInvoice + ") is not paid");
        }
        apply(new EndorsementRenewed(standing.endorsementNumber(), standing.tenantId(), command.today(),
                command.policy().renewedThrough(standing.validThrough())));
    }

    private void requireSubmitted() {
        if (!standing.renewalSubmitted()) {
            throw new DomainRuleViolation("renewal-not-submitted", "No renewal of " + standing.endorsementNumber()
                    + " waits for review");
        }
    }

    @EventSourcingHandler
    void on(LateRenewalFeeCharged event) {
        lateFeeInvoice = event.invoiceId();
        lateFeePaid = false;
    }

    @EventSourcingHandler
    void on(LateRenewalFeePaid event) {
        lateFeePaid = true;
    }

    @Override
    protected void newCycle() {
        lateFeeInvoice = null;
        lateFeePaid = false;
    }

    /** The cycle a late fee was charged for is over. */
    @Override
    protected void lapsed() {
        newCycle();
    }
}
