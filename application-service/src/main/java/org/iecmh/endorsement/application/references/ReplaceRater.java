package org.iecmh.endorsement.application.references;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.Instant;

/** The applicant names another rater in place of one; the replaced rater's link stops working. */
public record ReplaceRater(@TargetAggregateIdentifier String applicationId, String replacedReferenceId,
                           String referenceId, String raterName, String email, RaterRelationship relationship,
                           boolean waivesAccess, int formVersion, Instant linkExpiresAt) {
}
