package org.iecmh.endorsement.renewal.schedule;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.iecmh.endorsement.contracts.association.RenewalPolicy;

import java.time.LocalDate;

/** The clock says the renewal window may have opened; a no-op if it has not, or was opened before. */
public record OpenRenewalWindow(@TargetAggregateIdentifier String endorsementNumber, LocalDate today, RenewalPolicy policy) {
}
