package org.iecmh.endorsement.payment.receipts;

import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.iecmh.endorsement.contracts.Money;
import org.iecmh.endorsement.payment.invoicing.InvoiceLine;
import org.iecmh.endorsement.payment.ledger.InvoiceView;
import org.iecmh.endorsement.pdf.PdfText;
import org.iecmh.endorsement.pdf.PdfText.Weight;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.GregorianCalendar;
import java.util.List;
import java.util.Locale;

/**
 * A one-page PDF receipt for an invoice that has been paid, in English or Spanish ({@link ReceiptWords}); amounts are
 * printed from whole cents, and names and descriptions in any script (embedded Unicode fonts, see {@link PdfText}).
 */
public final class Receipt {

    private Receipt() {
    }

    /** {@code USD 325.00}: the cents split into units and hundredths without any floating point. */
    public static String amount(Money money) {
        long cents = money.cents();
        String sign = cents < 0 ? "-" : "";
        long abs = Math.abs(cents);
        return money.currency() + " " + sign + (abs / 100) + "." + String.format(Locale.ROOT, "%02d", abs % 100);
    }

    /**
     * The receipt in {@code language} (en or es; English for any other): its labels, status, dates and fee lines in
     * that language; the amounts as everywhere, the currency's code and whole cents.
     */
    public static byte[] of(InvoiceView invoice, ZonedDateTime printedAt, String language) {
        ReceiptWords words = ReceiptWords.in(language);
        List<String> lines = new ArrayList<>();
        lines.add(words.say("association", "association", invoice.tenantId().toUpperCase(Locale.ROOT)));
        lines.add(words.say("invoice", "invoice", invoice.invoiceId()));
        lines.add(words.say("billedTo", "person", invoice.personId()));
        if (invoice.applicationId() != null) {
            lines.add(words.say("application", "application", invoice.applicationId()));
        }
        if (invoice.issuedOn() != null) {
            lines.add(words.say("issued", "date", words.date(invoice.issuedOn())));
        }
        lines.add("");
        for (InvoiceLine line : invoice.lines()) {
            lines.add(words.phrase(line.phrase()) + "    " + amount(line.amount()));
        }
        lines.add("");
        lines.add(words.say("total", "amount", amount(invoice.total())));
        lines.add(words.say("paid", "amount", amount(invoice.paid())));
        if (invoice.waived().cents() > 0) {
            lines.add(words.say("waived", "amount", amount(invoice.waived())));
        }
        if (invoice.refunded().cents() > 0) {
            lines.add(words.say("refunded", "amount", amount(invoice.refunded())));
        }
        lines.add(words.say("status", "status", words.status(invoice.status())));
        lines.add("");
        lines.add(words.say("printed", "date", words.date(printedAt.toLocalDate())));
        try (PDDocument document = new PDDocument(); ByteArrayOutputStream pdf = new ByteArrayOutputStream()) {
            PDPage page = new PDPage(PDRectangle.LETTER);
            document.addPage(page);
            document.getDocumentInformation().setTitle(words.say("documentTitle", "invoice", invoice.invoiceId()));
            document.getDocumentInformation().setCreationDate(GregorianCalendar.from(printedAt));
            PdfText text = PdfText.in(document);
            try (PDPageContentStream content = new PDPageContentStream(document, page)) {
                text.show(content, Weight.BOLD, 18, 72, 700, words.say("title"));
                float y = 668;
                for (String line : lines) {
                    text.show(content, Weight.REGULAR, 11, 72, y, line);
                    y -= 16;
                }
            }
            document.save(pdf);
            return pdf.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write the receipt of " + invoice.invoiceId(), e);
        }
    }
}
