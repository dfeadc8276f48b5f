package org.iecmh.endorsement.payment.invoicing;

import org.iecmh.endorsement.contracts.Money;

import java.time.LocalDate;
import java.util.List;

/** {@code membershipThrough} is null unless the invoice pays for a membership (and in events stored before it). */
public record InvoiceIssued(String invoiceId, String tenantId, String personId, String applicationId,
                            List<InvoiceLine> lines, Money total, LocalDate dueOn, LocalDate membershipThrough,
                            LocalDate membershipFrom) {
}
