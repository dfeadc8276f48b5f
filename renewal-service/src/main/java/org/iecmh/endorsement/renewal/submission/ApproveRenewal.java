package org.iecmh.endorsement.renewal.submission;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.iecmh.endorsement.contracts.association.RenewalPolicy;

import java.time.LocalDate;

/** The coordinator approves the submitted renewal. */
public record ApproveRenewal(@TargetAggregateIdentifier String endorsementNumber, LocalDate today, RenewalPolicy policy) {
}
