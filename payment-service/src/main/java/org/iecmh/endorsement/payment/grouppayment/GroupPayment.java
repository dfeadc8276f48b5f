package org.iecmh.endorsement.payment.grouppayment;

import org.iecmh.endorsement.contracts.Money;
import org.iecmh.endorsement.payment.invoicing.PaymentMethod;

import java.time.Instant;
import java.util.List;

/** One payment, usually an agency's for its staff, recorded against several invoices. */
public record GroupPayment(String groupPaymentId, String tenantId, String payer, Money amount, PaymentMethod method,
                           String reference, List<GroupPaymentSplit.Share> shares, Instant recordedAt) {
}
