package org.iecmh.endorsement.payment.invoicing;

public record InvoiceVoided(String invoiceId, String tenantId, String personId, String applicationId,
                            String reason) {
}
