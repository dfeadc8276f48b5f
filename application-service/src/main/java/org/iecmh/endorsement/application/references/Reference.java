package org.iecmh.endorsement.application.references;

import java.time.Instant;

/**
 * One rater the applicant named: who, how they know the applicant, whether the applicant waived access to the
 * completed form, until when their current link works, and their rating once they sent it.
 */
public record Reference(String referenceId, String raterName, String email, RaterRelationship relationship,
                        boolean waivesAccess, int formVersion, Instant linkExpiresAt, Rating rating) {

    public boolean completed() {
        return rating != null;
    }

    public Reference withLink(Instant expiresAt) {
        return new Reference(referenceId, raterName, email, relationship, waivesAccess, formVersion, expiresAt, rating);
    }

    public Reference rated(Rating completed) {
        return new Reference(referenceId, raterName, email, relationship, waivesAccess, formVersion, linkExpiresAt,
                completed);
    }
}
