package org.iecmh.endorsement.contracts;

import java.time.Instant;

/** An invoice was cancelled; nothing is owed on it any more. */
public record InvoiceVoided(
        String tenantId,
        String invoiceId,
        String personId,
        String applicationId,
        String reason,
        Instant voidedAt) implements IntegrationEvent {

    public static final String TYPE = "org.iecmh.endorsement.payment.invoice-voided.v1";

    @Override
    public String partitionKey() {
        return personId;
    }
}
