package org.iecmh.endorsement.payment.invoicing;

import org.iecmh.endorsement.contracts.Money;
import org.iecmh.endorsement.payment.fees.FeeKind;
import org.iecmh.endorsement.payment.fees.FeeSchedule;

/** One charge on an invoice, its price fixed when the invoice is issued. Lines stored before kinds count as OTHER. */
public record InvoiceLine(String description, Money amount, FeeKind kind) {

    public InvoiceLine {
        kind = kind == null ? FeeKind.OTHER : kind;
    }

    public static InvoiceLine of(FeeSchedule.Fee fee) {
        return new InvoiceLine(fee.description(), fee.amount(), fee.kind());
    }
}
