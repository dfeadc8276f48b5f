package org.iecmh.endorsement.contracts;

import java.time.LocalDate;

/** A person's membership of the association is paid and active through {@code activeThrough} (inclusive). */
public record MembershipActive(
        String tenantId,
        String personId,
        String invoiceId,
        LocalDate activeThrough) implements IntegrationEvent {

    public static final String TYPE = "org.iecmh.endorsement.payment.membership-active.v1";

    @Override
    public String partitionKey() {
        return personId;
    }
}
