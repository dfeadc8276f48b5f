package org.iecmh.endorsement.payment.invoicing;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.iecmh.endorsement.contracts.Money;

/**
 * Records money received against an invoice. {@code paymentId} comes from the caller's idempotency key: the same
 * payment recorded twice is recorded once.
 */
public record RecordPayment(@TargetAggregateIdentifier String invoiceId, String paymentId, Money amount,
                            PaymentMethod method, String reference) {
}
