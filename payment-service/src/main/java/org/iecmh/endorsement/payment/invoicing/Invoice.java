package org.iecmh.endorsement.payment.invoicing;

import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.messaging.annotation.MetaDataValue;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;
import org.iecmh.endorsement.contracts.Money;
import org.iecmh.endorsement.kit.audit.AlsoStores;
import org.iecmh.endorsement.kit.audit.AuditMetadata;
import org.iecmh.endorsement.kit.eventstore.AggregateStorage;
import org.iecmh.endorsement.kit.tenancy.TenantOwnedAggregate;
import org.iecmh.endorsement.kit.web.DomainRuleViolation;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * What one person owes an association, and what has become of it: paid, waived, refunded or voided.
 * Payments, waivers and refunds are named by the caller's idempotency key, so a retried request records nothing
 * more.
 */
@AlsoStores({InvoiceSettled.class, MembershipPaid.class})
@Aggregate(snapshotTriggerDefinition = AggregateStorage.SNAPSHOTS, cache = AggregateStorage.CACHE)
public class Invoice extends TenantOwnedAggregate {

    @AggregateIdentifier
    private String invoiceId;
    private String tenantId;
    private String personId;
    private String applicationId;
    private List<InvoiceLine> lines = List.of();
    private LocalDate membershipThrough;
    private LocalDate membershipFrom;
    private Money total;
    /** Money received. */
    private long paidCents;
    private long waivedCents;
    private long refundedCents;
    private boolean voided;
    private final Set<String> paymentIds = new HashSet<>();
    private final Set<String> waiverIds = new HashSet<>();
    private final Set<String> refundIds = new HashSet<>();

    protected Invoice() {
    }

    @CommandHandler
    public Invoice(IssueInvoice command, @MetaDataValue(AuditMetadata.TENANT) String tenantId) {
        if (command.lines().isEmpty()) {
            throw new DomainRuleViolation("invoice-needs-lines", "An invoice needs at least one line");
        }
        Money total;
        try {
            total = command.lines().stream().map(InvoiceLine::amount).reduce(Money::plus).orElseThrow();
        } catch (IllegalArgumentException mixed) {
            throw new DomainRuleViolation("invoice-currency", "All lines of an invoice are in one currency");
        }
        if (command.lines().stream().anyMatch(line -> line.amount().cents() < 0)) {
            throw new DomainRuleViolation("line-amount", "No line of an invoice is below zero");
        }
        apply(new InvoiceIssued(command.invoiceId(), tenantId, command.personId(), command.applicationId(),
                command.lines(), total, command.dueOn(), command.membershipThrough(), command.membershipFrom(),
                command.pricedBy()));
    }

    @CommandHandler
    void handle(RecordPayment command) {
        if (paymentIds.contains(command.paymentId())) {
            return;
        }
        requireOwed(command.amount(), "payment");
        apply(new PaymentRecorded(invoiceId, tenantId, command.paymentId(), command.amount(), command.method(),
                command.reference()));
        settleIfCovered();
    }

    @CommandHandler
    void handle(WaiveFees command) {
        if (waiverIds.contains(command.waiverId())) {
            return;
        }
        if (command.reason() == null || command.reason().isBlank()) {
            throw new DomainRuleViolation("waiver-needs-reason", "A waiver or scholarship needs a reason");
        }
        requireOwed(command.amount(), "waiver");
        apply(new FeesWaived(invoiceId, tenantId, command.waiverId(), command.amount(), command.kind(),
                command.reason()));
        settleIfCovered();
    }

    @CommandHandler
    void handle(VoidInvoice command) {
        if (voided) {
            return;
        }
        if (command.reason() == null || command.reason().isBlank()) {
            throw new DomainRuleViolation("void-needs-reason", "Voiding an invoice needs a reason");
        }
        if (isCovered() || paidCents - refundedCents > 0) {
            throw new DomainRuleViolation("void-after-payment", "Invoice " + invoiceId
                    + " has payments; refund them before voiding it");
        }
        apply(new InvoiceVoided(invoiceId, tenantId, personId, applicationId, command.reason()));
    }

    @CommandHandler
    void handle(RefundPayment command) {
        if (refundIds.contains(command.refundId())) {
            return;
        }
        requireCurrency(command.amount());
        if (command.amount().cents() <= 0) {
            throw new DomainRuleViolation("refund-amount", "A refund must be more than zero");
        }
        long held = paidCents - refundedCents;
        if (command.amount().cents() > held) {
            throw new DomainRuleViolation("refund-exceeds-payments", "Invoice " + invoiceId + " holds " + held
                    + " cents received; " + command.amount().cents() + " is more");
        }
        // The fees the association keeps for this reason are paid first out of what was received.
        long kept = Math.min(paidCents, lines.stream().filter(line -> command.notRefunded().contains(line.kind()))
                .mapToLong(line -> line.amount().cents()).sum());
        long refundable = paidCents - kept - refundedCents;
        if (command.amount().cents() > refundable) {
            throw new DomainRuleViolation("fee-not-refundable", "For " + command.reason() + " the association keeps "
                    + command.notRefunded() + " fees; at most " + Math.max(refundable, 0) + " cents can be refunded");
        }
        apply(new PaymentRefunded(invoiceId, tenantId, command.refundId(), personId, applicationId, command.amount(),
                command.reason(), command.note()));
    }

    private void requireOwed(Money amount, String what) {
        if (voided) {
            throw new DomainRuleViolation("invoice-void", "Invoice " + invoiceId + " is void");
        }
        if (isCovered()) {
            throw new DomainRuleViolation("invoice-already-paid", "Invoice " + invoiceId + " is paid in full");
        }
        requireCurrency(amount);
        if (amount.cents() <= 0) {
            throw new DomainRuleViolation(what + "-amount", "A " + what + " must be more than zero");
        }
        long outstanding = total.cents() - paidCents - waivedCents;
        if (amount.cents() > outstanding) {
            throw new DomainRuleViolation("overpayment", "Invoice " + invoiceId + " has " + outstanding
                    + " cents outstanding; " + amount.cents() + " is more");
        }
    }

    private void requireCurrency(Money amount) {
        if (!amount.currency().equals(total.currency())) {
            throw new DomainRuleViolation("payment-currency",
                    "Invoice " + invoiceId + " is in " + total.currency() + ", not " + amount.currency());
        }
    }

    private void settleIfCovered() {
        if (isCovered()) {
            apply(new InvoiceSettled(invoiceId, tenantId, personId, applicationId, total));
            if (membershipThrough != null) {
                apply(new MembershipPaid(invoiceId, tenantId, personId, membershipThrough, membershipFrom));
            }
        }
    }

    private boolean isCovered() {
        return paidCents + waivedCents >= total.cents();
    }

    @Override
    protected String owningTenant() {
        return tenantId;
    }

    @Override
    protected String kind() {
        return "invoice";
    }

    @Override
    protected String id() {
        return invoiceId;
    }

    @EventSourcingHandler
    void on(InvoiceIssued event) {
        invoiceId = event.invoiceId();
        tenantId = event.tenantId();
        personId = event.personId();
        applicationId = event.applicationId();
        lines = new ArrayList<>(event.lines());
        membershipThrough = event.membershipThrough();
        membershipFrom = event.membershipFrom();
        total = event.total();
    }

    @EventSourcingHandler
    void on(PaymentRecorded event) {
        paymentIds.add(event.paymentId());
        paidCents += event.amount().cents();
    }

    @EventSourcingHandler
    void on(FeesWaived event) {
        waiverIds.add(event.waiverId());
        waivedCents += event.amount().cents();
    }

    @EventSourcingHandler
    void on(InvoiceVoided event) {
        voided = true;
    }

    @EventSourcingHandler
    void on(PaymentRefunded event) {
        refundIds.add(event.refundId());
        refundedCents += event.amount().cents();
    }
}
