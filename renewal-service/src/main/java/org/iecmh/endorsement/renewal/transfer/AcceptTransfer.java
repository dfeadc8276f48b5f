package org.iecmh.endorsement.renewal.transfer;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.iecmh.endorsement.contracts.association.RenewalPolicy;

import java.time.LocalDate;

/**
 * The receiving association's coordinator takes the endorsement on; sent in the receiving tenant, with the receiving
 * association's policy, whose cycle the endorsement follows from {@code today}.
 */
public record AcceptTransfer(@TargetAggregateIdentifier String endorsementNumber, LocalDate today,
                             RenewalPolicy policy) {
}
