package org.iecmh.endorsement.registry.badge;

import org.iecmh.endorsement.registry.search.EndorsementStatus;

/**
 * The answer to "is this badge good?": {@code valid} only when the signature is the association's, neither of its
 * status lists lists it, and it is within its validity period. {@code verdict} says which, distinctly:
 * {@code VALID}, {@code REVOKED}, {@code SUSPENDED} (on hold or lapsed: it may be active again), {@code EXPIRED},
 * {@code NOT_YET_VALID}, {@code UNKNOWN} (signed, but no such endorsement) or {@code INVALID} (the signature or the
 * form); {@code status} is the endorsement's standing in the registry, {@code problem} says why not in words.
 */
public record BadgeVerification(boolean valid, boolean signatureValid, Verdict verdict, String endorsementNumber,
                                EndorsementStatus status, String problem) {

    public enum Verdict { VALID, REVOKED, SUSPENDED, EXPIRED, NOT_YET_VALID, UNKNOWN, INVALID }

    static BadgeVerification invalid(String problem) {
        return new BadgeVerification(false, false, Verdict.INVALID, null, null, problem);
    }
}
