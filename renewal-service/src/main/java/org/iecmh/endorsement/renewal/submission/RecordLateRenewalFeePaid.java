package org.iecmh.endorsement.renewal.submission;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** payment-service reports an invoice paid; it may be the late fee of the renewal under way. */
public record RecordLateRenewalFeePaid(@TargetAggregateIdentifier String endorsementNumber, String invoiceId) {
}
