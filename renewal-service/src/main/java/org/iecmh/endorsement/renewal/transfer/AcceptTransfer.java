package org.iecmh.endorsement.renewal.transfer;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.LocalDate;

/** The receiving association's coordinator takes the endorsement on; sent in the receiving tenant. */
public record AcceptTransfer(@TargetAggregateIdentifier String endorsementNumber, LocalDate today) {
}
