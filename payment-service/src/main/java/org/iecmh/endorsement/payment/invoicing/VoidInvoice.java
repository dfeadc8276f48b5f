package org.iecmh.endorsement.payment.invoicing;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Cancels an invoice issued in error or no longer owed. */
public record VoidInvoice(@TargetAggregateIdentifier String invoiceId, String reason) {
}
