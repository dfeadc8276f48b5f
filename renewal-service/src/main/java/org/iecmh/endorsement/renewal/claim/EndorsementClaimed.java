package org.iecmh.endorsement.renewal.claim;

import java.time.Instant;

/**
 * The endorsement held by {@code previousPersonId} ({@code email:<address>}) belongs from now on to
 * {@code personId}, whose token vouched for {@code email}.
 */
public record EndorsementClaimed(String endorsementNumber, String tenantId, String previousPersonId,
                                 String personId, String email, Instant claimedAt) {
}
