package org.iecmh.endorsement.renewal.schedule;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.iecmh.endorsement.contracts.association.RenewalPolicy;

import java.time.LocalDate;

/** The clock says the endorsement may have lapsed; a no-op unless it is past its last day and not renewed. */
public record LapseEndorsement(@TargetAggregateIdentifier String endorsementNumber, LocalDate today, RenewalPolicy policy) {
}
