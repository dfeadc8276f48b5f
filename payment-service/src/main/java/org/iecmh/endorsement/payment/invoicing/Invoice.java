package org.iecmh.endorsement.payment.invoicing;

import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.messaging.annotation.MetaDataValue;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;
import org.iecmh.endorsement.contracts.Money;
import org.iecmh.endorsement.kit.audit.AuditMetadata;
import org.iecmh.endorsement.kit.tenancy.TenantOwnedAggregate;
import org.iecmh.endorsement.kit.web.DomainRuleViolation;

import java.util.HashSet;
import java.util.Set;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/** What one person owes an association, and what they have paid of it. */
@Aggregate
public class Invoice extends TenantOwnedAggregate {

    @AggregateIdentifier
    private String invoiceId;
    private String tenantId;
    private String personId;
    private String applicationId;
    private Money total;
    private Money paid;
    private final Set<String> paymentIds = new HashSet<>();

    protected Invoice() {
    }

    @CommandHandler
    public Invoice(IssueInvoice command, @MetaDataValue(AuditMetadata.TENANT) String tenantId) {
        if (command.lines().isEmpty()) {
            throw new DomainRuleViolation("invoice-needs-lines", "An invoice needs at least one line");
        }
        Money total = command.lines().stream().map(InvoiceLine::amount).reduce(Money::plus).orElseThrow();
        apply(new InvoiceIssued(command.invoiceId(), tenantId, command.personId(), command.applicationId(),
                command.lines(), total, command.dueOn()));
    }

    @CommandHandler
    void handle(RecordPayment command) {
        if (paymentIds.contains(command.paymentId())) {
            return;
        }
        if (isSettled()) {
            throw new DomainRuleViolation("invoice-already-paid", "Invoice " + invoiceId + " is paid in full");
        }
        if (!command.amount().currency().equals(total.currency())) {
            throw new DomainRuleViolation("payment-currency",
                    "Invoice " + invoiceId + " is in " + total.currency() + ", not " + command.amount().currency());
        }
        if (command.amount().cents() <= 0) {
            throw new DomainRuleViolation("payment-amount", "A payment must be more than zero");
        }
        long outstanding = total.cents() - paid.cents();
        if (command.amount().cents() > outstanding) {
            throw new DomainRuleViolation("overpayment", "Invoice " + invoiceId + " has " + outstanding
                    + " cents outstanding; " + command.amount().cents() + " is more");
        }
        apply(new PaymentRecorded(invoiceId, tenantId, command.paymentId(), command.amount(), command.method(),
                command.reference()));
        if (isSettled()) {
            apply(new InvoiceSettled(invoiceId, tenantId, personId, applicationId, total));
        }
    }

    private boolean isSettled() {
        return paid.cents() >= total.cents();
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
        total = event.total();
        paid = Money.of(0, total.currency());
    }

    @EventSourcingHandler
    void on(PaymentRecorded event) {
        paymentIds.add(event.paymentId());
        paid = paid.plus(event.amount());
    }
}
