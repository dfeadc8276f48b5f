package org.iecmh.endorsement.application.references;

import java.time.Instant;

/** A rater was named; a mail with a one-time link follows. The link's secret is never part of an event. */
public record RaterNamed(String applicationId, String tenantId, String referenceId, String raterName, String email,
                         RaterRelationship relationship, boolean waivesAccess, int formVersion,
                         Instant linkExpiresAt) {
}
