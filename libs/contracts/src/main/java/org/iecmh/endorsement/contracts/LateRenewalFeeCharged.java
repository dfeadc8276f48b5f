package org.iecmh.endorsement.contracts;

import java.time.Instant;

/**
 * A renewal came in after the due date, inside the grace period, and the association's renewal policy charges a late
 * fee for that. payment-service bills {@code fee} on the invoice {@code invoiceId} (chosen by renewal-service, so that
 * its {@code InvoicePaid} finds the way back); the renewal's approval waits for that payment.
 */
public record LateRenewalFeeCharged(
        String tenantId,
        String endorsementNumber,
        String personId,
        String invoiceId,
        Money fee,
        Instant chargedAt) implements IntegrationEvent {

    public static final String TYPE = "org.iecmh.endorsement.renewal.late-renewal-fee-charged.v1";

    @Override
    public String partitionKey() {
        return endorsementNumber;
    }
}
