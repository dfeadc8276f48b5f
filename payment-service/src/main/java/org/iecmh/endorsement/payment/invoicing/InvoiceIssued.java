package org.iecmh.endorsement.payment.invoicing;

import org.iecmh.endorsement.contracts.Money;
import org.iecmh.endorsement.payment.fees.PricedBy;

import java.time.LocalDate;
import java.util.List;

/**
 * {@code membershipThrough} is null unless the invoice pays for a membership (and in events stored before it).
 * {@code pricedBy}: the fee schedule version whose prices the invoice took; null where no schedule priced it (a late
 * fee renewal-service named) and in events stored before it was recorded.
 */
public record InvoiceIssued(String invoiceId, String tenantId, String personId, String applicationId,
                            List<InvoiceLine> lines, Money total, LocalDate dueOn, LocalDate membershipThrough,
                            LocalDate membershipFrom, PricedBy pricedBy) {
}
