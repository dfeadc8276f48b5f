package org.iecmh.endorsement.payment;

import org.axonframework.eventhandling.EventMessage;
import org.iecmh.endorsement.contracts.IntegrationEvent;
import org.iecmh.endorsement.contracts.InvoicePaid;
import org.iecmh.endorsement.contracts.InvoiceRefunded;
import org.iecmh.endorsement.contracts.MembershipActive;
import org.iecmh.endorsement.kit.messaging.IntegrationEventMapper;
import org.iecmh.endorsement.payment.invoicing.InvoiceIssued;
import org.iecmh.endorsement.payment.invoicing.InvoiceSettled;
import org.iecmh.endorsement.payment.invoicing.InvoiceVoided;
import org.iecmh.endorsement.payment.invoicing.MembershipPaid;
import org.iecmh.endorsement.payment.invoicing.PaymentRefunded;
import org.springframework.stereotype.Component;

import java.util.Optional;

/** What payment-service tells the others: the one place its domain events become integration events. */
@Component
class PaymentIntegrationEvents implements IntegrationEventMapper {

    @Override
    public Optional<IntegrationEvent> map(EventMessage<?> domainEvent) {
        Object payload = domainEvent.getPayload();
        if (payload instanceof InvoiceIssued e) {
            return Optional.of(new org.iecmh.endorsement.contracts.InvoiceIssued(e.tenantId(), e.invoiceId(),
                    e.personId(), e.applicationId(), e.total(), e.dueOn()));
        }
        if (payload instanceof InvoiceSettled e) {
            return Optional.of(new InvoicePaid(e.tenantId(), e.invoiceId(), e.personId(), e.applicationId(),
                    e.total(), domainEvent.getTimestamp()));
        }
        if (payload instanceof PaymentRefunded e) {
            return Optional.of(new InvoiceRefunded(e.tenantId(), e.invoiceId(), e.personId(), e.applicationId(),
                    e.amount(), e.reason().name(), domainEvent.getTimestamp()));
        }
        if (payload instanceof InvoiceVoided e) {
            return Optional.of(new org.iecmh.endorsement.contracts.InvoiceVoided(e.tenantId(), e.invoiceId(),
                    e.personId(), e.applicationId(), e.reason(), domainEvent.getTimestamp()));
        }
        if (payload instanceof MembershipPaid e) {
            return Optional.of(new MembershipActive(e.tenantId(), e.personId(), e.invoiceId(), e.activeThrough(),
                    e.activeFrom()));
        }
        return Optional.empty();
    }
}
