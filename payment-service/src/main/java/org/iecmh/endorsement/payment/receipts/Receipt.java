package org.iecmh.endorsement.payment.receipts;

import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;
import org.iecmh.endorsement.contracts.Money;
import org.iecmh.endorsement.payment.invoicing.InvoiceLine;
import org.iecmh.endorsement.payment.invoicing.InvoiceView;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.GregorianCalendar;
import java.util.List;
import java.util.Locale;

/** A one-page PDF receipt for an invoice that has been paid; amounts are printed from whole cents. */
public final class Receipt {

    private static final PDType1Font REGULAR = new PDType1Font(Standard14Fonts.FontName.HELVETICA);
    private static final PDType1Font BOLD = new PDType1Font(Standard14Fonts.FontName.HELVETICA_BOLD);

    private Receipt() {
    }

    /** {@code USD 325.00}: the cents split into units and hundredths without any floating point. */
    public static String amount(Money money) {
        long cents = money.cents();
        String sign = cents < 0 ? "-" : "";
        long abs = Math.abs(cents);
        return money.currency() + " " + sign + (abs / 100) + "." + String.format(Locale.ROOT, "%02d", abs % 100);
    }

    public static byte[] of(InvoiceView invoice, ZonedDateTime printedAt) {
        List<String> lines = new ArrayList<>();
        lines.add("Association: " + invoice.tenantId().toUpperCase(Locale.ROOT));
        lines.add("Invoice: " + invoice.invoiceId());
        lines.add("Billed to: " + invoice.personId());
        if (invoice.applicationId() != null) {
            lines.add("Application: " + invoice.applicationId());
        }
        if (invoice.issuedOn() != null) {
            lines.add("Issued: " + invoice.issuedOn());
        }
        lines.add("");
        for (InvoiceLine line : invoice.lines()) {
            lines.add(line.description() + "    " + amount(line.amount()));
        }
        lines.add("");
        lines.add("Total " + amount(invoice.total()));
        lines.add("Paid " + amount(invoice.paid()));
        if (invoice.waived().cents() > 0) {
            lines.add("Waived " + amount(invoice.waived()));
        }
        if (invoice.refunded().cents() > 0) {
            lines.add("Refunded " + amount(invoice.refunded()));
        }
        lines.add("Status: " + invoice.status());
        lines.add("");
        lines.add("Printed " + printedAt.toLocalDate());
        try (PDDocument document = new PDDocument(); ByteArrayOutputStream pdf = new ByteArrayOutputStream()) {
            PDPage page = new PDPage(PDRectangle.LETTER);
            document.addPage(page);
            document.getDocumentInformation().setTitle("Receipt for invoice " + invoice.invoiceId());
            document.getDocumentInformation().setCreationDate(GregorianCalendar.from(printedAt));
            try (PDPageContentStream text = new PDPageContentStream(document, page)) {
                text.beginText();
                text.newLineAtOffset(72, 700);
                text.setFont(BOLD, 18);
                text.showText("Receipt");
                text.setFont(REGULAR, 11);
                text.setLeading(16);
                text.newLine();
                text.newLine();
                for (String line : lines) {
                    text.showText(printable(line));
                    text.newLine();
                }
                text.endText();
            }
            document.save(pdf);
            return pdf.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write the receipt of " + invoice.invoiceId(), e);
        }
    }

    /** The standard fonts know only WinAnsi; a character outside it is printed as '?' rather than failing. */
    private static String printable(String text) {
        StringBuilder out = new StringBuilder();
        text.codePoints().forEach(codePoint -> {
            String character = new String(Character.toChars(codePoint));
            try {
                REGULAR.encode(character);
                out.append(character);
            } catch (IOException | IllegalArgumentException notInFont) {
                out.append('?');
            }
        });
        return out.toString();
    }
}
