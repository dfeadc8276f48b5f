package org.iecmh.endorsement.payment.invoicing;

import org.iecmh.endorsement.contracts.Money;

public record PaymentRecorded(String invoiceId, String tenantId, String paymentId, Money amount,
                              PaymentMethod method, String reference) {
}
