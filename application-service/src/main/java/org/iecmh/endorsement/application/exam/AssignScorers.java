package org.iecmh.endorsement.application.exam;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.iecmh.endorsement.application.review.Reviewer;

import java.util.List;

/**
 * A coordinator names the two scorers of the booked sitting, each with the endorsement that qualifies them; they
 * know the candidate by {@code candidateCode} only. {@code reviewersMayScore}: the association lets the application's
 * own reviewers score it.
 */
public record AssignScorers(@TargetAggregateIdentifier String applicationId, List<Reviewer> scorers,
                            String candidateCode, boolean reviewersMayScore) {
}
