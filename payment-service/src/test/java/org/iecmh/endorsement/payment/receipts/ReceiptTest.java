package org.iecmh.endorsement.payment.receipts;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.iecmh.endorsement.contracts.Money;
import org.iecmh.endorsement.payment.fees.FeeKind;
import org.iecmh.endorsement.kit.web.Phrase;
import org.iecmh.endorsement.payment.invoicing.InvoiceLine;
import org.iecmh.endorsement.payment.ledger.InvoiceView;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Locale;

import static org.assertj.core.api.Assertions.assertThat;

class ReceiptTest {

    private static Money usd(long cents) {
        return Money.of(cents, "USD");
    }

    @Test
    void amountsArePrintedFromWholeCents() {
        assertThat(Receipt.amount(usd(32_500))).isEqualTo("USD 325.00");
        assertThat(Receipt.amount(usd(5))).isEqualTo("USD 0.05");
        assertThat(Receipt.amount(usd(1_234_567_891))).isEqualTo("USD 12345678.91");
        assertThat(Receipt.amount(usd(-250))).isEqualTo("USD -2.50");
    }

    @Test
    void theReceiptShowsTheLinesWhatWasPaidWaivedAndRefunded() throws IOException {
        InvoiceView invoice = new InvoiceView("INV-9", "ma", "person-9", "app-9", List.of(
                InvoiceLine.asWritten("Registration fee, IMHS", usd(2_500), FeeKind.REGISTRATION),
                InvoiceLine.asWritten("Processing fee, IMHS", usd(30_000), FeeKind.PROCESSING)),
                usd(32_500), usd(22_500), usd(10_000), usd(2_500), usd(0), "REFUNDED",
                LocalDate.of(2026, 11, 22), LocalDate.of(2026, 12, 22), null, null);

        byte[] pdf = Receipt.of(invoice, ZonedDateTime.of(2026, 12, 1, 9, 0, 0, 0, ZoneOffset.UTC));

        try (PDDocument document = Loader.loadPDF(pdf)) {
            String text = new PDFTextStripper().getText(document).replaceAll(" +", " ");
            assertThat(text).contains("Receipt", "Association: MA", "Invoice: INV-9", "Billed to: person-9",
                    "Registration fee, IMHS USD 25.00", "Processing fee, IMHS USD 300.00", "Total USD 325.00",
                    "Paid USD 225.00", "Waived USD 100.00", "Refunded USD 25.00", "Status: refunded",
                    "Printed 2026-12-01");
            assertThat(document.getDocumentInformation().getTitle()).isEqualTo("Receipt for invoice INV-9");
        }
    }

    @Test
    void namesInVietnamesePolishGreekAndChinesePrintAsWrittenAndReadBack() throws IOException {
        List<String> names = List.of("Nguyễn Thị Ánh Tuyết", "Łucja Wróbel-Żółkiewska", "Ελένη Παπαδοπούλου", "王秀英");
        List<InvoiceLine> lines = names.stream()
                .map(name -> InvoiceLine.asWritten("Registration fee, IFA, for " + name, usd(1_500),
                        FeeKind.REGISTRATION))
                .toList();
        InvoiceView invoice = new InvoiceView("INV-10", "ma", "person-10", null, lines, usd(6_000), usd(6_000),
                usd(0), usd(0), usd(0), "PAID", LocalDate.of(2026, 11, 22), LocalDate.of(2026, 12, 22), null, null);

        byte[] pdf = Receipt.of(invoice, ZonedDateTime.of(2026, 12, 1, 9, 0, 0, 0, ZoneOffset.UTC));

        try (PDDocument document = Loader.loadPDF(pdf)) {
            String text = new PDFTextStripper().getText(document).replaceAll(" +", " ");
            for (String name : names) {
                assertThat(text).contains("Registration fee, IFA, for " + name + " USD 15.00");
            }
            assertThat(text).doesNotContain("?");
        }
    }

    @Test
    void aSpanishReaderGetsTheReceiptInSpanishEachLineWordedFromItsPhraseAndAWrittenLineAsWritten() throws IOException {
        InvoiceView invoice = new InvoiceView("INV-11", "ma", "person-11", "app-11", List.of(
                new InvoiceLine("Registration fee, IMHS", usd(2_500), FeeKind.REGISTRATION,
                        Phrase.of("fee-registration", "Registration fee, IMHS", "category", "IMHS")),
                new InvoiceLine("Late renewal fee, MA-000042", usd(5_000), FeeKind.LATE,
                        Phrase.of("fee-late-renewal", "Late renewal fee, MA-000042", "endorsement", "MA-000042")),
                InvoiceLine.asWritten("Copia del certificado", usd(1_000), FeeKind.OTHER)),
                usd(8_500), usd(8_500), usd(0), usd(0), usd(0), "PAID",
                LocalDate.of(2026, 11, 22), LocalDate.of(2026, 12, 22), null, null);

        byte[] spanish = Receipt.of(invoice, ZonedDateTime.of(2026, 12, 1, 9, 0, 0, 0, ZoneOffset.UTC),
                Locale.forLanguageTag("es-US"));
        byte[] other = Receipt.of(invoice, ZonedDateTime.of(2026, 12, 1, 9, 0, 0, 0, ZoneOffset.UTC), Locale.GERMAN);

        try (PDDocument document = Loader.loadPDF(spanish)) {
            String text = new PDFTextStripper().getText(document).replaceAll(" +", " ");
            assertThat(text).contains("Recibo", "Asociación: MA", "Factura: INV-11", "Facturada a: person-11",
                    "Cuota de inscripción, IMHS USD 25.00", "Recargo por renovación tardía, MA-000042 USD 50.00",
                    "Copia del certificado USD 10.00", "Total USD 85.00", "Pagado USD 85.00", "Estado: pagada",
                    "Impreso el 2026-12-01").doesNotContain("Registration", "Receipt");
            assertThat(document.getDocumentInformation().getTitle()).isEqualTo("Recibo de la factura INV-11");
        }
        try (PDDocument document = Loader.loadPDF(other)) {
            assertThat(new PDFTextStripper().getText(document).replaceAll(" +", " "))
                    .as("a language the receipt does not speak: English")
                    .contains("Receipt", "Registration fee, IMHS USD 25.00", "Status: paid");
        }
    }
}
