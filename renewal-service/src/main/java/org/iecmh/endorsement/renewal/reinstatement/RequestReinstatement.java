package org.iecmh.endorsement.renewal.reinstatement;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.iecmh.endorsement.contracts.association.RenewalPolicy;

import java.time.LocalDate;

/** The endorsee of a lapsed endorsement asks to have it back. */
public record RequestReinstatement(@TargetAggregateIdentifier String endorsementNumber, LocalDate today, RenewalPolicy policy) {
}
