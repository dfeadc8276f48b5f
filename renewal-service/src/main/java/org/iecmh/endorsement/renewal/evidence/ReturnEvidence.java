package org.iecmh.endorsement.renewal.evidence;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** The coordinator returns an item of evidence of a sampled renewal, saying why; the endorsee attaches another. */
public record ReturnEvidence(@TargetAggregateIdentifier String endorsementNumber, String attachmentId,
                             String reason) {
}
