package org.iecmh.endorsement.application.references;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.Instant;

/** The bearer of a rater's link sends the completed form, at {@code submittedAt}. */
public record SubmitReference(@TargetAggregateIdentifier String applicationId, String referenceId, Rating rating,
                              Instant submittedAt) {
}
