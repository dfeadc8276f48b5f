package org.iecmh.endorsement.renewal.lifecycle;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.iecmh.endorsement.contracts.association.RenewalPolicy;

import java.time.LocalDate;

/** The endorsee puts the endorsement on hold, for at most the association's maximum. */
public record InactivateEndorsement(@TargetAggregateIdentifier String endorsementNumber, LocalDate today, RenewalPolicy policy) {
}
