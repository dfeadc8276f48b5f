package org.iecmh.endorsement.contracts;

import java.time.Instant;

/**
 * An endorsee signed in and took an endorsement that was held by the address their token vouched for (as an import
 * leaves it): from now on it belongs to {@code personId}, the subject of their account. Every record a service keeps
 * of the endorsement's person follows. The address stays in renewal-service's history: this topic is kept forever, so
 * it carries no name or address.
 */
public record EndorsementClaimed(
        String tenantId,
        String endorsementNumber,
        String personId,
        Instant claimedAt) implements IntegrationEvent {

    public static final String TYPE = "org.iecmh.endorsement.renewal.endorsement-claimed.v1";

    @Override
    public String partitionKey() {
        return endorsementNumber;
    }
}
