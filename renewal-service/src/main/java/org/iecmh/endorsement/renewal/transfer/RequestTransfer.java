package org.iecmh.endorsement.renewal.transfer;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.LocalDate;

/** The endorsee moved state and asks that the endorsement move to that state's association. */
public record RequestTransfer(@TargetAggregateIdentifier String endorsementNumber, String toTenantId, LocalDate today) {
}
