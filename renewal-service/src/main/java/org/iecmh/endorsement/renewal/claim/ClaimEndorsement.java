package org.iecmh.endorsement.renewal.claim;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.Instant;

/**
 * A signed-in person takes an endorsement held by their email address (an imported one, whose endorsee had no
 * account): {@code personId} is the subject of their account, {@code verifiedEmail} the address their token vouches
 * for, or {@code null} when it vouches for none.
 */
public record ClaimEndorsement(@TargetAggregateIdentifier String endorsementNumber, String personId,
                               String verifiedEmail, Instant claimedAt) {

    /** Refused: the caller's token vouches for no email address. */
    public static final String EMAIL_NOT_VERIFIED = "email-not-verified";
    /** Refused: the endorsement is held by another address. */
    public static final String NOT_YOUR_ENDORSEMENT = "not-your-endorsement";
}
