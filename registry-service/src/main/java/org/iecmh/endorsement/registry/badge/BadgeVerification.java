package org.iecmh.endorsement.registry.badge;

import org.iecmh.endorsement.registry.search.EndorsementStatus;

/**
 * The answer to "is this badge good?": {@code valid} only when the signature is the association's, the badge has
 * not expired, and its endorsement is active with the association that issued it. {@code problem} says why not.
 */
public record BadgeVerification(boolean valid, boolean signatureValid, String endorsementNumber,
                                EndorsementStatus status, String problem) {

    static BadgeVerification invalid(String problem) {
        return new BadgeVerification(false, false, null, null, problem);
    }
}
