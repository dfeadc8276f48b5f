package org.iecmh.endorsement.contracts;

import java.time.Instant;

/**
 * The endorsee of a lapsed endorsement asks to be reinstated. payment-service bills the association's reinstatement
 * fee on the invoice {@code invoiceId} (chosen here, so that its {@code InvoicePaid} finds the way back); an
 * association that charges none bills nothing.
 */
public record ReinstatementRequested(
        String tenantId,
        String endorsementNumber,
        String personId,
        String invoiceId,
        Instant requestedAt) implements IntegrationEvent {

    public static final String TYPE = "org.iecmh.endorsement.renewal.reinstatement-requested.v1";

    @Override
    public String partitionKey() {
        return endorsementNumber;
    }
}
