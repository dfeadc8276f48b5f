package org.iecmh.endorsement.contracts;

import java.time.Instant;
import java.time.LocalDate;

/** An endorsee renewed; the endorsement is now valid through a later date. */
public record EndorsementRenewed(
        String tenantId,
        String endorsementNumber,
        Instant renewedAt,
        LocalDate validThrough) implements IntegrationEvent {

    public static final String TYPE = "org.iecmh.endorsement.renewal.endorsement-renewed.v1";

    @Override
    public String partitionKey() {
        return endorsementNumber;
    }
}
