package org.iecmh.endorsement.payment.invoicing;

import org.iecmh.endorsement.contracts.Money;
import org.iecmh.endorsement.payment.fees.RefundReason;

public record PaymentRefunded(String invoiceId, String tenantId, String refundId, String personId,
                              String applicationId, Money amount, RefundReason reason, String note) {
}
