package org.iecmh.endorsement.payment.invoicing;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.iecmh.endorsement.contracts.Money;
import org.iecmh.endorsement.payment.fees.FeeKind;
import org.iecmh.endorsement.payment.fees.RefundReason;

import java.util.Set;

/**
 * Gives money received back. {@code notRefunded} is the association's rule for {@code reason}: the fees whose
 * amounts stay with it. {@code refundId} comes from the idempotency key.
 */
public record RefundPayment(@TargetAggregateIdentifier String invoiceId, String refundId, Money amount,
                            RefundReason reason, String note, Set<FeeKind> notRefunded) {
}
