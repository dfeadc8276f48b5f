package org.iecmh.endorsement.application.references;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.Instant;

/** The applicant names a rater, who is sent a link to the rating form that works until {@code linkExpiresAt}. */
public record NameRater(@TargetAggregateIdentifier String applicationId, String referenceId, String raterName,
                        String email, RaterRelationship relationship, boolean waivesAccess, int formVersion,
                        Instant linkExpiresAt) {
}
