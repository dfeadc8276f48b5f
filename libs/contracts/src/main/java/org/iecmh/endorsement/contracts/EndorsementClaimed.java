package org.iecmh.endorsement.contracts;

import java.time.Instant;

/**
 * An endorsee signed in and took an endorsement that was held by the person their email named
 * ({@code previousPersonId}, {@code email:<address>}, as an import leaves it): from now on it belongs to
 * {@code personId}, the subject of their account, whose token vouched for {@code email}. Every record a service keeps
 * of the endorsement's person follows.
 */
public record EndorsementClaimed(
        String tenantId,
        String endorsementNumber,
        String previousPersonId,
        String personId,
        String email,
        Instant claimedAt) implements IntegrationEvent {

    public static final String TYPE = "org.iecmh.endorsement.renewal.endorsement-claimed.v1";

    @Override
    public String partitionKey() {
        return endorsementNumber;
    }
}
