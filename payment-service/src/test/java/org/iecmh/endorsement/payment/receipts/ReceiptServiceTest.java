package org.iecmh.endorsement.payment.receipts;

import jakarta.mail.internet.MimeMessage;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericEventMessage;
import org.iecmh.endorsement.contracts.ApplicationSubmitted;
import org.iecmh.endorsement.contracts.association.Association;
import org.iecmh.endorsement.kit.audit.AuditMetadata;
import org.iecmh.endorsement.payment.PaymentServiceTestBase;
import org.iecmh.endorsement.payment.invoicing.Invoice;
import org.iecmh.endorsement.testkit.ApiClient;
import org.iecmh.endorsement.testkit.ApiClient.Response;
import org.iecmh.endorsement.testkit.RealInfrastructure;
import org.iecmh.endorsement.testkit.SmtpServer;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The invoice and its receipt, mailed and printed. */
class ReceiptServiceTest extends PaymentServiceTestBase {

    @Test
    void thePayerIsMailedTheInvoiceAndItsReceiptAtTheAddressTheirApplicationGave() throws Exception {
        String applicationId = UUID.randomUUID().toString();
        String person = "payer-" + applicationId.substring(0, 8);
        String address = person + "@example.org";
        EventMessage<ApplicationSubmitted> submitted = new GenericEventMessage<>(new ApplicationSubmitted("ma",
                applicationId, person, "Zoë Payer", "IFS", NOW, address), Map.of(AuditMetadata.TENANT, "ma"));
        publisher.publish(submitted.getPayload(), submitted);
        ApiClient coordinator = coordinator("ma");
        Response invoice = awaitInvoices(applicationId, coordinator);
        String invoiceId = invoice.at("/0/invoiceId");
        String dueOn = invoice.at("/0/dueOn");
        assertThat(coordinator.post("/api/payments/invoices/" + invoiceId + "/payments", Map.of("amountCents", 12_000,
                "currency", "USD", "method", "CHECK", "reference", "check 77"), Map.of("Idempotency-Key",
                "mail-" + applicationId)).at("/status")).isEqualTo("PAID");

        await().atMost(Duration.ofSeconds(30)).until(() -> RealInfrastructure.smtp().receivedFor(address).size() == 2);
        List<MimeMessage> mails = RealInfrastructure.smtp().receivedFor(address);
        String due = DateTimeFormatter.ofLocalizedDate(FormatStyle.LONG).withLocale(Locale.ENGLISH)
                .format(LocalDate.parse(dueOn));
        assertThat(mails.get(0).getSubject()).isEqualTo("Invoice " + invoiceId + ": $120.00 due by " + due
                + ", Massachusetts Association for Infant Mental Health");
        assertThat(SmtpServer.plainText(mails.get(0))).contains("https://gateway.test/pay.html?invoice=" + invoiceId)
                .contains("check or bank transfer");
        assertThat(mails.get(1).getSubject()).isEqualTo("Payment received: invoice " + invoiceId
                + ", Massachusetts Association for Infant Mental Health");
        assertThat(SmtpServer.plainText(mails.get(1))).contains("$120.00")
                .contains("https://gateway.test/api/payments/invoices/" + invoiceId + "/receipt");
        Response mine = ApiClient.onPort(port).as("ma", person, "APPLICANT").get("/api/payments/mail/mine");
        assertThat(mine.body().findValuesAsText("kind")).containsExactlyInAnyOrder("invoice-issued", "invoice-paid");
    }

    @Test
    void thePersonBilledGetsAPdfReceiptOnceTheInvoiceIsPaidAndNotBefore() throws Exception {
        String applicationId = UUID.randomUUID().toString();
        EventMessage<ApplicationSubmitted> submitted = submitted("ma", applicationId, "person-receipt", "IFS");
        publisher.publish(submitted.getPayload(), submitted);
        ApiClient applicant = ApiClient.onPort(port).as("ma", "person-receipt", "APPLICANT");
        String invoiceId = awaitInvoices(applicationId, applicant).at("/0/invoiceId");
        String receipt = "/api/payments/invoices/" + invoiceId + "/receipt";

        Response early = applicant.get(receipt);
        pay(coordinator("ma"), invoiceId, 12_000);
        HttpRequest.Builder asApplicant = HttpRequest.newBuilder(URI.create("http://localhost:" + port + receipt));
        applicant.identityHeaders().forEach(asApplicant::header);
        HttpResponse<byte[]> pdf = HttpClient.newHttpClient().send(
                asApplicant.header("Accept", "application/pdf").build(), HttpResponse.BodyHandlers.ofByteArray());

        assertThat(early.status()).isEqualTo(409);
        assertThat(early.at("/rule")).isEqualTo("invoice-not-paid");
        assertThat(pdf.statusCode()).isEqualTo(200);
        assertThat(pdf.headers().firstValue("Content-Type")).hasValue("application/pdf");
        try (PDDocument document = Loader.loadPDF(pdf.body())) {
            assertThat(new PDFTextStripper().getText(document).replaceAll(" +", " "))
                    .contains("Invoice: " + invoiceId, "Registration fee, IFS USD 20.00", "Paid USD 120.00",
                            "Printed November 22, 2026");
        }
        // In the reader's language: asked by name, or by the browser's Accept-Language.
        HttpRequest.Builder inSpanish = HttpRequest.newBuilder(URI.create("http://localhost:" + port + receipt));
        applicant.identityHeaders().forEach(inSpanish::header);
        HttpResponse<byte[]> spanish = HttpClient.newHttpClient().send(inSpanish.header("Accept", "application/pdf")
                .header("Accept-Language", "es-US,es;q=0.9,en;q=0.8").build(), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(spanish.statusCode()).isEqualTo(200);
        assertThat(spanish.headers().firstValue("Content-Language")).hasValue("es");
        try (PDDocument document = Loader.loadPDF(spanish.body())) {
            assertThat(new PDFTextStripper().getText(document).replaceAll(" +", " "))
                    .contains("Factura: " + invoiceId, "Cuota de inscripción, IFS USD 20.00", "Pagado USD 120.00",
                            "Impreso el 22 de noviembre de 2026");
        }
        Response unknownLanguage = applicant.get(receipt + "?lang=fr");
        assertThat(unknownLanguage.status()).isEqualTo(400);
        assertThat(unknownLanguage.text()).contains("lang", "OneOf");
        assertThat(ApiClient.onPort(port).as("ma", "person-other", "APPLICANT").get(receipt).status())
                .isEqualTo(404);
    }
}
