package org.iecmh.endorsement.renewal.submission;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** The coordinator sends a renewal back to the endorsee with comments. */
public record ReturnRenewal(@TargetAggregateIdentifier String endorsementNumber, String comments) {
}
