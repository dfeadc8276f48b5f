package org.iecmh.endorsement.payment.invoicing;

import org.iecmh.endorsement.contracts.Money;

public record FeesWaived(String invoiceId, String tenantId, String waiverId, Money amount, WaiverKind kind,
                         String reason) {
}
