package org.iecmh.endorsement.renewal.reinstatement;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** payment-service reports an invoice paid; it may be the reinstatement fee. */
public record RecordReinstatementFeePaid(@TargetAggregateIdentifier String endorsementNumber, String invoiceId) {
}
