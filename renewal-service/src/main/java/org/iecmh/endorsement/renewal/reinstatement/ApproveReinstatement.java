package org.iecmh.endorsement.renewal.reinstatement;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.iecmh.endorsement.contracts.association.RenewalPolicy;

import java.time.LocalDate;

/** A coordinator puts a lapsed endorsement back on the registry. */
public record ApproveReinstatement(@TargetAggregateIdentifier String endorsementNumber, LocalDate today, RenewalPolicy policy) {
}
