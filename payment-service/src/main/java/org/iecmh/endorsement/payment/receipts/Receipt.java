package org.iecmh.endorsement.payment.receipts;

import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.iecmh.endorsement.contracts.Money;
import org.iecmh.endorsement.payment.invoicing.InvoiceLine;
import org.iecmh.endorsement.kit.web.Phrase;
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
import java.util.Map;
import java.util.ResourceBundle;

/**
 * A one-page PDF receipt for an invoice that has been paid; amounts are printed from whole cents, and names and
 * descriptions in any script (embedded Unicode fonts, see {@link PdfText}).
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

    /** The receipt in English. */
    public static byte[] of(InvoiceView invoice, ZonedDateTime printedAt) {
        return of(invoice, printedAt, Locale.ENGLISH);
    }

    /**
     * The receipt in the reader's language where the receipt speaks it (English and Spanish, {@code receipts/receipt*.properties}),
     * else in English: its labels, the invoice's status, and each line worded from its phrase (a line as a coordinator
     * wrote it stays as written).
     */
    public static byte[] of(InvoiceView invoice, ZonedDateTime printedAt, Locale reader) {
        Words words = new Words(reader);
        List<String> lines = new ArrayList<>();
        lines.add(words.of("association", "association", invoice.tenantId().toUpperCase(Locale.ROOT)));
        lines.add(words.of("invoice", "invoice", invoice.invoiceId()));
        lines.add(words.of("billedTo", "person", invoice.personId()));
        if (invoice.applicationId() != null) {
            lines.add(words.of("application", "application", invoice.applicationId()));
        }
        if (invoice.issuedOn() != null) {
            lines.add(words.of("issued", "date", invoice.issuedOn().toString()));
        }
        lines.add("");
        for (InvoiceLine line : invoice.lines()) {
            lines.add(words.line(line) + "    " + amount(line.amount()));
        }
        lines.add("");
        lines.add(words.of("total", "amount", amount(invoice.total())));
        lines.add(words.of("paid", "amount", amount(invoice.paid())));
        if (invoice.waived().cents() > 0) {
            lines.add(words.of("waived", "amount", amount(invoice.waived())));
        }
        if (invoice.refunded().cents() > 0) {
            lines.add(words.of("refunded", "amount", amount(invoice.refunded())));
        }
        lines.add(words.of("status", "status", words.known("status." + invoice.status(), invoice.status())));
        lines.add("");
        lines.add(words.of("printed", "date", printedAt.toLocalDate().toString()));
        try (PDDocument document = new PDDocument(); ByteArrayOutputStream pdf = new ByteArrayOutputStream()) {
            PDPage page = new PDPage(PDRectangle.LETTER);
            document.addPage(page);
            document.getDocumentInformation().setTitle(words.of("documentTitle", "invoice", invoice.invoiceId()));
            document.getDocumentInformation().setCreationDate(GregorianCalendar.from(printedAt));
            PdfText text = PdfText.in(document);
            try (PDPageContentStream content = new PDPageContentStream(document, page)) {
                text.show(content, Weight.BOLD, 18, 72, 700, words.known("title", "Receipt"));
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

    /** The receipt's words in one language, with the values of a phrase put into their {name} places. */
    private static final class Words {

        private final ResourceBundle bundle;

        Words(Locale reader) {
            this.bundle = ResourceBundle.getBundle("receipts.receipt",
                    "es".equals(reader.getLanguage()) ? Locale.forLanguageTag("es") : Locale.ROOT,
                    ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES));
        }

        String known(String key, String otherwise) {
            return bundle.containsKey(key) ? bundle.getString(key) : otherwise;
        }

        String of(String key, String name, String value) {
            return known(key, key).replace("{" + name + "}", value);
        }

        /** A line worded from its phrase, or its English description where the receipt lacks the phrase's words. */
        String line(InvoiceLine line) {
            Phrase phrase = line.phrase();
            if (!bundle.containsKey("phrase." + phrase.code())) {
                return line.description();
            }
            String text = bundle.getString("phrase." + phrase.code());
            for (Map.Entry<String, Object> value : phrase.values().entrySet()) {
                text = text.replace("{" + value.getKey() + "}", String.valueOf(value.getValue()));
            }
            return text;
        }
    }
}
