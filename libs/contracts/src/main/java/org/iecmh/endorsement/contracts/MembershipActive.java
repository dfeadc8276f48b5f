package org.iecmh.endorsement.contracts;

import java.time.LocalDate;

/**
 * A person's membership of the association is paid and active from {@code activeFrom} through {@code activeThrough}
 * (both inclusive). {@code activeFrom} is absent in events published before memberships had a start.
 */
public record MembershipActive(
        String tenantId,
        String personId,
        String invoiceId,
        LocalDate activeThrough,
        LocalDate activeFrom) implements IntegrationEvent {

    public static final String TYPE = "org.iecmh.endorsement.payment.membership-active.v1";

    @Override
    public String partitionKey() {
        return personId;
    }
}
