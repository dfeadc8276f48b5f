package org.iecmh.endorsement.contracts;

import java.time.Instant;
import java.time.LocalDate;

/** A lapsed or inactive endorsement is active again (reinstated), valid through a date the association set. */
public record EndorsementReactivated(
        String tenantId,
        String endorsementNumber,
        Instant reactivatedAt,
        LocalDate validThrough) implements IntegrationEvent {

    public static final String TYPE = "org.iecmh.endorsement.renewal.endorsement-reactivated.v1";

    @Override
    public String partitionKey() {
        return endorsementNumber;
    }
}
