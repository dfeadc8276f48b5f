package org.iecmh.endorsement.application.review;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.util.List;

/** A coordinator confirms the category and names the two reviewers. */
public record AssignReviewers(@TargetAggregateIdentifier String applicationId, List<Reviewer> reviewers) {
}
