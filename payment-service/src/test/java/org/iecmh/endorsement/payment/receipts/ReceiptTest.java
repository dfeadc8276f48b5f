package org.iecmh.endorsement.payment.receipts;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.iecmh.endorsement.contracts.Money;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.iecmh.endorsement.kit.web.Phrase;
import org.iecmh.endorsement.payment.fees.FeeKind;
import org.iecmh.endorsement.payment.fees.FeeSchedule;
import org.iecmh.endorsement.payment.invoicing.InvoiceLine;
import org.iecmh.endorsement.payment.ledger.InvoiceView;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Properties;

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

        byte[] pdf = Receipt.of(invoice, ZonedDateTime.of(2026, 12, 1, 9, 0, 0, 0, ZoneOffset.UTC), "en");

        try (PDDocument document = Loader.loadPDF(pdf)) {
            String text = new PDFTextStripper().getText(document).replaceAll(" +", " ");
            assertThat(text).contains("Receipt", "Association: MA", "Invoice: INV-9", "Billed to: person-9",
                    "Registration fee, IMHS USD 25.00", "Processing fee, IMHS USD 300.00", "Total USD 325.00",
                    "Paid USD 225.00", "Waived USD 100.00", "Refunded USD 25.00",
                    "Status: refunded in part or in full", "Issued: November 22, 2026", "Printed December 1, 2026");
            assertThat(document.getDocumentInformation().getTitle()).isEqualTo("Receipt for invoice INV-9");
        }
    }

    @Test
    void inSpanishTheLabelsStatusDatesAndFeeLinesAreSpanishAndTheAmountsTheSame() throws IOException {
        InvoiceView invoice = new InvoiceView("INV-11", "wa", "person-11", "app-11", List.of(
                InvoiceLine.of(new FeeSchedule.Fee(FeeKind.REGISTRATION, Phrase.of("fee-registration",
                        "Registration fee, IFA", "category", "IFA"), usd(2_500))),
                InvoiceLine.of(new FeeSchedule.Fee(FeeKind.LATE, Phrase.of("fee-late-renewal",
                        "Late renewal fee, WA-000012", "endorsement", "WA-000012"), usd(5_000))),
                InvoiceLine.asWritten("Taller de observación", usd(1_000), FeeKind.OTHER)),
                usd(8_500), usd(8_500), usd(0), usd(0), usd(0), "PAID",
                LocalDate.of(2026, 11, 22), LocalDate.of(2026, 12, 22), null, null);

        byte[] pdf = Receipt.of(invoice, ZonedDateTime.of(2026, 12, 1, 9, 0, 0, 0, ZoneOffset.UTC), "es");

        try (PDDocument document = Loader.loadPDF(pdf)) {
            String text = new PDFTextStripper().getText(document).replaceAll(" +", " ");
            assertThat(text).contains("Recibo", "Asociación: WA", "Factura: INV-11", "Facturado a: person-11",
                    "Solicitud: app-11", "Emitida: 22 de noviembre de 2026",
                    "Cuota de inscripción, IFA USD 25.00", "Recargo por renovación tardía, WA-000012 USD 50.00",
                    "Taller de observación USD 10.00", "Total USD 85.00", "Pagado USD 85.00", "Estado: pagada",
                    "Impreso el 1 de diciembre de 2026")
                    .doesNotContain("Registration", "Receipt", "Status");
            assertThat(document.getDocumentInformation().getTitle()).isEqualTo("Recibo de la factura INV-11");
        }
    }

    @Test
    void aLanguageReceiptsAreNotWrittenInIsEnglishAndAcceptLanguageChoosesTheFirstTheyAre() {
        assertThat(ReceiptWords.in("fr").say("title")).isEqualTo("Receipt");
        assertThat(ReceiptWords.in("es-MX").say("title")).isEqualTo("Recibo");
        assertThat(ReceiptWords.in(null).say("title")).isEqualTo("Receipt");
        assertThat(ReceiptWords.preferred("fr-CA, es;q=0.8, en;q=0.5")).isEqualTo("es");
        assertThat(ReceiptWords.preferred("de")).isNull();
        assertThat(ReceiptWords.preferred("not a ; language ,,")).isNull();
    }

    /** The receipt words each fee as the web application does: one wording per fee and language. */
    @Test
    void theReceiptWordsEachFeeAsTheWebApplicationsCatalogueDoes() throws IOException {
        for (String language : ReceiptWords.LANGUAGES) {
            JsonNode catalogue = new ObjectMapper().readTree(Path.of("../gateway/src/main/resources/static/i18n/"
                    + language + ".json").toFile());
            Properties receipt = new Properties();
            try (var in = ReceiptWords.class.getResourceAsStream("/receipts/receipt." + language + ".properties")) {
                receipt.load(new java.io.InputStreamReader(in, java.nio.charset.StandardCharsets.UTF_8));
            }
            List<String> fees = new java.util.ArrayList<>();
            catalogue.fieldNames().forEachRemaining(key -> {
                if (key.startsWith("phrase.fee-")) {
                    fees.add(key);
                }
            });
            assertThat(fees).as(language).isNotEmpty();
            for (String fee : fees) {
                assertThat(receipt.getProperty(fee)).as(language + " " + fee).isEqualTo(catalogue.get(fee).asText());
            }
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

        byte[] pdf = Receipt.of(invoice, ZonedDateTime.of(2026, 12, 1, 9, 0, 0, 0, ZoneOffset.UTC), "en");

        try (PDDocument document = Loader.loadPDF(pdf)) {
            String text = new PDFTextStripper().getText(document).replaceAll(" +", " ");
            for (String name : names) {
                assertThat(text).contains("Registration fee, IFA, for " + name + " USD 15.00");
            }
            assertThat(text).doesNotContain("?");
        }
    }
}
