package org.iecmh.endorsement.payment.invoicing;

import org.iecmh.endorsement.contracts.Money;

/** The payments recorded cover the whole invoice. */
public record InvoiceSettled(String invoiceId, String tenantId, String personId, String applicationId,
                             Money total) {
}
