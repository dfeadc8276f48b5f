package org.iecmh.endorsement.payment.invoicing;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.iecmh.endorsement.contracts.Money;

/** Forgives part or all of what an invoice asks, for a reason; {@code waiverId} comes from the idempotency key. */
public record WaiveFees(@TargetAggregateIdentifier String invoiceId, String waiverId, Money amount, WaiverKind kind,
                        String reason) {
}
