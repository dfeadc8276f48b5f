package org.iecmh.endorsement.contracts;

import java.time.Instant;

/**
 * Money paid on an invoice was given back; {@code reason} is one of WRONG_CATEGORY, WITHDRAWN, DUPLICATE_PAYMENT,
 * OTHER. An invoice may be refunded in parts: each part is one event.
 */
public record InvoiceRefunded(
        String tenantId,
        String invoiceId,
        String personId,
        String applicationId,
        Money amountRefunded,
        String reason,
        Instant refundedAt) implements IntegrationEvent {

    public static final String TYPE = "org.iecmh.endorsement.payment.invoice-refunded.v1";

    @Override
    public String partitionKey() {
        return personId;
    }
}
