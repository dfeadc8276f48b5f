package org.iecmh.endorsement.renewal.activity;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.LocalDate;

/** payment-service says the endorsee is a member from {@code activeFrom} through {@code activeThrough}. */
public record RecordMembership(@TargetAggregateIdentifier String endorsementNumber, String invoiceId,
                               LocalDate activeFrom, LocalDate activeThrough) {
}
