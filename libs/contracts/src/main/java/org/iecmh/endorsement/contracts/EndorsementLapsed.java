package org.iecmh.endorsement.contracts;

import java.time.Instant;

/** An endorsement was not renewed in time; it leaves the public registry until it is reactivated or renewed. */
public record EndorsementLapsed(
        String tenantId,
        String endorsementNumber,
        Instant lapsedAt) implements IntegrationEvent {

    public static final String TYPE = "org.iecmh.endorsement.renewal.endorsement-lapsed.v1";

    @Override
    public String partitionKey() {
        return endorsementNumber;
    }
}
