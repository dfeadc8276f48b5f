package org.iecmh.endorsement.contracts;

import java.time.Instant;

/** An invoice was paid in full. */
public record InvoicePaid(
        String tenantId,
        String invoiceId,
        String personId,
        String applicationId,
        Money amountPaid,
        Instant paidAt) implements IntegrationEvent {

    public static final String TYPE = "org.iecmh.endorsement.payment.invoice-paid.v1";

    @Override
    public String partitionKey() {
        return personId;
    }
}
