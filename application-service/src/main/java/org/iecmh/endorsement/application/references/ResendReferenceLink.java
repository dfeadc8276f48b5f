package org.iecmh.endorsement.application.references;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.Instant;

/** The applicant asks for a rater's link to be sent again (a new link; the earlier one stops working). */
public record ResendReferenceLink(@TargetAggregateIdentifier String applicationId, String referenceId,
                                  Instant linkExpiresAt) {
}
