package org.iecmh.endorsement.payment.invoicing;

import org.iecmh.endorsement.contracts.Money;

import java.time.LocalDate;
import java.util.List;

public record InvoiceView(String invoiceId, String tenantId, String personId, String applicationId,
                          List<InvoiceLine> lines, Money total, Money paid, String status, LocalDate dueOn) {
}
