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
}
