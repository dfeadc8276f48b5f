package org.iecmh.endorsement.payment.receipts;

import org.iecmh.endorsement.kit.web.Actor;
import org.iecmh.endorsement.kit.web.InvalidRequest;
import org.iecmh.endorsement.payment.ledger.InvoiceView;
import org.iecmh.endorsement.payment.ledger.InvoiceViews;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.time.Clock;
import java.time.ZonedDateTime;

/** The receipt of a paid invoice, for the person billed and the association's staff. */
@RestController
class ReceiptResource {

    private final InvoiceViews invoices;
    private final Clock clock;

    ReceiptResource(InvoiceViews invoices, Clock clock) {
        this.invoices = invoices;
        this.clock = clock;
    }

    /**
     * The receipt in the language asked ({@code lang}: en or es), else the first of {@code Accept-Language} that
     * receipts are written in, else English.
     */
    @GetMapping("/api/payments/invoices/{invoiceId}/receipt")
    ResponseEntity<byte[]> receipt(@PathVariable String invoiceId, @RequestParam(required = false) String lang,
                                   @RequestHeader(value = HttpHeaders.ACCEPT_LANGUAGE, required = false)
                                   String acceptLanguage, Actor actor) {
        if (lang != null && !ReceiptWords.LANGUAGES.contains(lang)) {
            throw new InvalidRequest("lang", "OneOf", "a receipt is written in " + ReceiptWords.LANGUAGES);
        }
        InvoiceView invoice = invoices.require(invoiceId, actor).paidFor();
        String language = lang != null ? lang : ReceiptWords.preferred(acceptLanguage);
        return ResponseEntity.ok()
                .contentType(MediaType.APPLICATION_PDF)
                .header(HttpHeaders.CONTENT_LANGUAGE, ReceiptWords.in(language).locale().toLanguageTag())
                .header(HttpHeaders.VARY, HttpHeaders.ACCEPT_LANGUAGE)
                .header(HttpHeaders.CONTENT_DISPOSITION, "inline; filename=\"receipt-" + invoiceId + ".pdf\"")
                .body(Receipt.of(invoice, ZonedDateTime.now(clock), language));
    }
}
