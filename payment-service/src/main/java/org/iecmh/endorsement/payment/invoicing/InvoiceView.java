package org.iecmh.endorsement.payment.invoicing;

import org.iecmh.endorsement.contracts.Money;

import java.time.LocalDate;
import java.util.List;

/**
 * An invoice as people look it up. {@code status} is OPEN, PAID, VOID or REFUNDED (some money given back);
 * {@code outstanding} is what is still owed, zero once paid, waived or voided.
 */
public record InvoiceView(String invoiceId, String tenantId, String personId, String applicationId,
                          List<InvoiceLine> lines, Money total, Money paid, Money waived, Money refunded,
                          Money outstanding, String status, LocalDate issuedOn, LocalDate dueOn,
                          LocalDate membershipThrough, String voidReason) {
}
