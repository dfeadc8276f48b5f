package org.iecmh.endorsement.renewal.lifecycle;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.LocalDate;

/** A coordinator withdraws the endorsement, for a reason the association keeps. */
public record RevokeEndorsement(@TargetAggregateIdentifier String endorsementNumber, String reason, LocalDate today) {
}
