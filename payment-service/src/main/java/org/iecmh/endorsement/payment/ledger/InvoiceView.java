package org.iecmh.endorsement.payment.ledger;

import org.iecmh.endorsement.contracts.Money;
import org.iecmh.endorsement.kit.web.DomainRuleViolation;
import org.iecmh.endorsement.payment.invoicing.InvoiceLine;

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

    /** The invoice, if it still owes something: an invoice paid, waived or voided takes no payment. */
    public InvoiceView payable() {
        if (outstanding.cents() <= 0) {
            throw new DomainRuleViolation("invoice-not-open", "Invoice " + invoiceId + " owes nothing ("
                    + status + ")");
        }
        return this;
    }

    /** The invoice, if it was paid: a receipt comes once it is, and stays after a refund. */
    public InvoiceView paidFor() {
        if (!"PAID".equals(status) && !"REFUNDED".equals(status)) {
            throw new DomainRuleViolation("invoice-not-paid", "Invoice " + invoiceId + " is " + status
                    + "; a receipt comes once it is paid");
        }
        return this;
    }
}
