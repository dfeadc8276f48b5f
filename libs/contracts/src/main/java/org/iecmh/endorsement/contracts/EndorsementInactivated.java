package org.iecmh.endorsement.contracts;

import java.time.Instant;

/** An endorsee put the endorsement on hold (for example while not practising); it leaves the public registry. */
public record EndorsementInactivated(
        String tenantId,
        String endorsementNumber,
        Instant inactivatedAt) implements IntegrationEvent {

    public static final String TYPE = "org.iecmh.endorsement.renewal.endorsement-inactivated.v1";

    @Override
    public String partitionKey() {
        return endorsementNumber;
    }
}
