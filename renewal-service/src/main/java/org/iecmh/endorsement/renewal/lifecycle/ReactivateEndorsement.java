package org.iecmh.endorsement.renewal.lifecycle;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.iecmh.endorsement.contracts.association.RenewalPolicy;

import java.time.LocalDate;

/** The endorsee takes an inactive endorsement off hold. */
public record ReactivateEndorsement(@TargetAggregateIdentifier String endorsementNumber, LocalDate today, RenewalPolicy policy) {
}
