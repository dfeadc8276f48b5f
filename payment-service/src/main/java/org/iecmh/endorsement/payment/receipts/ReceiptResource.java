package org.iecmh.endorsement.payment.receipts;

import org.iecmh.endorsement.kit.web.Actor;
import org.iecmh.endorsement.payment.ledger.InvoiceView;
import org.iecmh.endorsement.payment.ledger.InvoiceViews;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

import java.time.Clock;
import java.time.ZonedDateTime;
import java.util.Locale;

/** The receipt of a paid invoice, for the person billed and the association's staff, in the reader's language. */
@RestController
class ReceiptResource {

    private final InvoiceViews invoices;
    private final Clock clock;

    ReceiptResource(InvoiceViews invoices, Clock clock) {
        this.invoices = invoices;
        this.clock = clock;
    }

    @GetMapping("/api/payments/invoices/{invoiceId}/receipt")
    ResponseEntity<byte[]> receipt(@PathVariable String invoiceId, Actor actor, Locale reader) {
        InvoiceView invoice = invoices.require(invoiceId, actor).paidFor();
        return ResponseEntity.ok()
                .contentType(MediaType.APPLICATION_PDF)
                .header(HttpHeaders.CONTENT_DISPOSITION, "inline; filename=\"receipt-" + invoiceId + ".pdf\"")
                .body(Receipt.of(invoice, ZonedDateTime.now(clock), reader));
    }
}
