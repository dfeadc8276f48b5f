package org.iecmh.endorsement.payment.invoicing;

import org.iecmh.endorsement.contracts.Money;
import org.iecmh.endorsement.kit.web.Phrase;
import org.iecmh.endorsement.payment.fees.FeeKind;
import org.iecmh.endorsement.payment.fees.FeeSchedule;

/**
 * One charge on an invoice, its price and words fixed when the invoice is issued: {@code description} in English,
 * {@code phrase} the same as a code with values for a page to word in its reader's language. A line a coordinator
 * wrote, or one stored before phrases, is the phrase {@code fee-as-written} of its description. Lines stored before
 * kinds count as OTHER.
 */
public record InvoiceLine(String description, Money amount, FeeKind kind, Phrase phrase) {

    public InvoiceLine {
        kind = kind == null ? FeeKind.OTHER : kind;
        phrase = phrase == null ? Phrase.of("fee-as-written", description, "description", description) : phrase;
    }

    public static InvoiceLine of(FeeSchedule.Fee fee) {
        return new InvoiceLine(fee.description(), fee.amount(), fee.kind(), fee.phrase());
    }

    /** A line in the words someone wrote, in whatever language they wrote it. */
    public static InvoiceLine asWritten(String description, Money amount, FeeKind kind) {
        return new InvoiceLine(description, amount, kind, null);
    }
}
