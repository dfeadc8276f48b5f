package org.iecmh.endorsement.application.references;

import java.time.Instant;

/** One rater took another's place; the new one is sent a link, the old one's link no longer works. */
public record RaterReplaced(String applicationId, String tenantId, String replacedReferenceId, String referenceId,
                            String raterName, String email, RaterRelationship relationship, boolean waivesAccess,
                            int formVersion, Instant linkExpiresAt) {
}
