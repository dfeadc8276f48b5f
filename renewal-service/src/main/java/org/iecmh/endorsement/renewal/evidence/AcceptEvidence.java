package org.iecmh.endorsement.renewal.evidence;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.LocalDate;

/** The coordinator accepts an item of evidence of a sampled renewal. */
public record AcceptEvidence(@TargetAggregateIdentifier String endorsementNumber, String attachmentId,
                             LocalDate today) {
}
