package org.iecmh.endorsement.contracts;

import java.time.Instant;
import java.time.LocalDate;

/**
 * An endorsee moved state and the new association accepted the endorsement; it renews there from now on.
 * {@code tenantId} is the accepting association ({@code toTenantId}); {@code endorsementNumber} is the number the
 * endorsement had before, which keys its events; {@code newEndorsementNumber} is null when the number stays.
 * {@code validThrough} is the date realigned to the accepting association's cycle (null from publishers that did not
 * realign it: the endorsement keeps the date it had).
 */
public record EndorsementTransferred(
        String tenantId,
        String endorsementNumber,
        String fromTenantId,
        String toTenantId,
        String newEndorsementNumber,
        Instant transferredAt,
        LocalDate validThrough) implements IntegrationEvent {

    public static final String TYPE = "org.iecmh.endorsement.renewal.endorsement-transferred.v1";

    @Override
    public String partitionKey() {
        return endorsementNumber;
    }
}
