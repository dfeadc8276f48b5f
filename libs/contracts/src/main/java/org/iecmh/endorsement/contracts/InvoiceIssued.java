package org.iecmh.endorsement.contracts;

import java.time.LocalDate;

/** An invoice was issued to a person; {@code applicationId} names what it is for, when it is for an application. */
public record InvoiceIssued(
        String tenantId,
        String invoiceId,
        String personId,
        String applicationId,
        Money total,
        LocalDate dueOn) implements IntegrationEvent {

    public static final String TYPE = "org.iecmh.endorsement.payment.invoice-issued.v1";

    @Override
    public String partitionKey() {
        return personId;
    }
}
