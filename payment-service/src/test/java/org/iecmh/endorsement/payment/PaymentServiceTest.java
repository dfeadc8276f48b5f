package org.iecmh.endorsement.payment;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.serialization.Serializer;
import org.iecmh.endorsement.contracts.ApplicationSubmitted;
import org.iecmh.endorsement.contracts.InvoiceIssued;
import org.iecmh.endorsement.contracts.InvoicePaid;
import org.iecmh.endorsement.contracts.InvoiceRefunded;
import org.iecmh.endorsement.contracts.InvoiceVoided;
import org.iecmh.endorsement.contracts.LateRenewalFeeCharged;
import org.iecmh.endorsement.contracts.MembershipActive;
import org.iecmh.endorsement.contracts.Money;
import org.iecmh.endorsement.contracts.ReinstatementRequested;
import org.iecmh.endorsement.contracts.Topics;
import org.iecmh.endorsement.contracts.association.Association;
import org.iecmh.endorsement.contracts.association.FeeSchedule;
import org.iecmh.endorsement.contracts.association.MembershipVersion;
import org.iecmh.endorsement.kit.audit.AuditMetadata;
import org.iecmh.endorsement.kit.mail.MailTemplates;
import org.iecmh.endorsement.kit.eventstore.AggregateReplay;
import org.iecmh.endorsement.kit.messaging.IntegrationEventPublisher;
import org.iecmh.endorsement.payment.invoicing.Invoice;
import org.iecmh.endorsement.testkit.MutableClock;
import org.iecmh.endorsement.testkit.ApiClient;
import org.iecmh.endorsement.testkit.ApiClient.Response;
import org.iecmh.endorsement.testkit.KafkaTopics;
import org.iecmh.endorsement.testkit.PublishedAssociations;
import org.iecmh.endorsement.testkit.WithRealInfrastructure;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import java.util.Locale;
import java.time.format.FormatStyle;
import java.time.format.DateTimeFormatter;
import jakarta.mail.internet.MimeMessage;
import org.iecmh.endorsement.testkit.SmtpServer;
import org.iecmh.endorsement.testkit.RealInfrastructure;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import com.sun.net.httpserver.HttpServer;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** payment-service on the real PostgreSQL server and Kafka broker. */
@SpringBootTest(classes = PaymentServiceApplication.class,
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "spring.config.name=" + PaymentServiceApplication.NAME)
@WithRealInfrastructure
@Import(PaymentServiceTest.Time.class)
class PaymentServiceTest {

    static final Instant NOW = Instant.parse("2026-11-22T12:00:00Z");

    @TestConfiguration
    static class Time {
        /** The service's clock, moved by the stories that need another day; each puts it back. */
        @Bean
        MutableClock clock() {
            return new MutableClock(NOW);
        }
    }

    /** A request the card processor's stub received. */
    record ProcessorRequest(String path, String authorization, String idempotencyKey, String body) {
    }

    static final String WEBHOOK_SECRET = "whsec_test_secret";
    static final List<ProcessorRequest> PROCESSOR_REQUESTS = new CopyOnWriteArrayList<>();
    /** A local stand-in for Stripe's API: one PaymentIntent per idempotency key, as Stripe answers a retry. */
    static final HttpServer PROCESSOR = processorStub();

    static HttpServer processorStub() {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress("localhost", 0), 0);
            Map<String, String> intents = new ConcurrentHashMap<>();
            server.createContext("/v1/payment_intents", exchange -> {
                String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
                String key = exchange.getRequestHeaders().getFirst("Idempotency-Key");
                PROCESSOR_REQUESTS.add(new ProcessorRequest(exchange.getRequestURI().getPath(),
                        exchange.getRequestHeaders().getFirst("Authorization"), key, body));
                String id = intents.computeIfAbsent(key, k -> "pi_" + UUID.randomUUID().toString().replace("-", ""));
                byte[] answer = ("{\"id\":\"" + id + "\",\"object\":\"payment_intent\",\"client_secret\":\""
                        + id + "_secret_abc\",\"status\":\"requires_payment_method\"}").getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().add("Content-Type", "application/json");
                exchange.sendResponseHeaders(200, answer.length);
                exchange.getResponseBody().write(answer);
                exchange.close();
            });
            server.start();
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @DynamicPropertySource
    static void cardProcessor(DynamicPropertyRegistry registry) {
        registry.add("iecmh.card.stripe.base-url", () -> "http://localhost:" + PROCESSOR.getAddress().getPort());
        registry.add("iecmh.card.stripe.api-key", () -> "sk_test_123");
        registry.add("iecmh.card.stripe.webhook-secret", () -> WEBHOOK_SECRET);
        registry.add("spring.mail.host", () -> RealInfrastructure.smtp().host());
        registry.add("spring.mail.port", () -> RealInfrastructure.smtp().port());
        registry.add("iecmh.mail.deliver-every", () -> "PT0.2S");
        registry.add("iecmh.mail.link-base", () -> "https://gateway.test");
    }

    @LocalServerPort
    int port;
    @Value("${iecmh.kafka.prefix}")
    String kafkaPrefix;
    @Autowired
    IntegrationEventPublisher publisher;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    MutableClock clock;

    @Autowired
    Environment environment;

    /**
     * The seed's associations, and two only these stories know, so that they count their own invoices: {@code tx},
     * whose prices and refund rules change on 2027-01-01, and {@code ty}, whose accounts are read.
     */
    @BeforeEach
    void associationsAreKnown() {
        Association ma = PublishedAssociations.seeded("ma");
        Association tx = PublishedAssociations.copy(ma, "tx", "Texas test association", "America/Chicago")
                .withMembership(List.of(new MembershipVersion(LocalDate.parse("2020-01-01"), "09-01", false)))
                .withFees(List.of(
                        new FeeSchedule(LocalDate.parse("2026-01-01"), "USD", 30, levels(1000, 1000, 2000, 2000),
                                levels(2000, 8000, 25000, 30000), null, null, null, null,
                                Map.of("wrong-category", Set.of("processing"))),
                        new FeeSchedule(LocalDate.parse("2027-01-01"), "USD", 30, levels(1000, 1000, 2200, 2200),
                                levels(2000, 8000, 27500, 30000), null, null, null, null, null)));
        Association ty = PublishedAssociations.copy(ma, "ty", "Accounts test association", "America/Chicago")
                .withFees(List.of(new FeeSchedule(LocalDate.parse("2020-01-01"), "USD", 14,
                        levels(1000, 1000, 1000, 1000), levels(1000, 1000, 1000, 1000), null, null, 2500L, null,
                        null)));
        List<Association> known = new ArrayList<>(PublishedAssociations.seed());
        known.addAll(List.of(tx, ty));
        PublishedAssociations.publishOnce(environment, known);
    }

    private static Map<Integer, Long> levels(long one, long two, long three, long four) {
        return Map.of(1, one, 2, two, 3, three, 4, four);
    }

    private ApiClient coordinator(String tenant) {
        return ApiClient.onPort(port).as(tenant, "coordinator-" + tenant, "COORDINATOR");
    }

    @Test
    void everyNoticeHasATemplateInEachLanguageNamingTheSameValues() {
        assertThat(MailTemplates.problems()).isEmpty();
    }

    @Test
    void theReadinessProbeAnswersUp() {
        Response readiness = ApiClient.onPort(port).get("/actuator/health/readiness");

        assertThat(readiness.status()).isEqualTo(200);
        assertThat(readiness.at("/status")).isEqualTo("UP");
    }

    @Test
    void aSubmittedApplicationIsInvoicedTheAssociationsFeesForItsLevelOnceEvenIfReportedTwice() {
        String applicationId = UUID.randomUUID().toString();
        EventMessage<ApplicationSubmitted> submitted = submitted("ma", applicationId, "person-1", "IMHS");

        publisher.publish(submitted.getPayload(), submitted);
        publisher.publish(submitted.getPayload(), submitted);

        Response invoices = awaitInvoices(applicationId, ApiClient.onPort(port).as("ma", "person-1", "APPLICANT"));
        assertThat(invoices.body()).hasSize(1);
        assertThat(invoices.at("/0/total/cents")).isEqualTo("32500");
        assertThat(invoices.at("/0/total/currency")).isEqualTo("USD");
        assertThat(invoices.body().get(0).get("lines").findValuesAsText("description"))
                .containsExactly("Registration fee, IMHS", "Processing fee, IMHS");
        assertThat(invoices.body().get(0).get("lines").findValuesAsText("kind"))
                .containsExactly("REGISTRATION", "PROCESSING");
        // The page words each line from its phrase; the English description stays for other clients.
        assertThat(invoices.body().get(0).get("lines").findValuesAsText("code"))
                .containsExactly("fee-registration", "fee-processing");
        assertThat(invoices.at("/0/lines/0/phrase/values/category")).isEqualTo("IMHS");
        assertThat(invoices.at("/0/lines/1/phrase/text")).isEqualTo("Processing fee, IMHS");
        assertThat(invoices.at("/0/status")).isEqualTo("OPEN");
        assertThat(invoices.at("/0/issuedOn")).isEqualTo("2026-11-22");
        assertThat(invoices.at("/0/dueOn")).isEqualTo("2026-12-22");
        assertThat(eventsOf("INV-" + applicationId)).containsExactly("InvoiceIssued");
    }

    @Test
    void anAssociationPublishedAtRuntimeIsInvoicedAtItsPricesAndAChangedVersionPricesTheNextInvoice() {
        Association ny = PublishedAssociations.copy(PublishedAssociations.seeded("ma"), "ny",
                "New York test association", "America/New_York");
        PublishedAssociations.publish(environment, ny);
        String first = UUID.randomUUID().toString();
        EventMessage<ApplicationSubmitted> submitted = submitted("ny", first, "person-ny-1", "IMHS");
        publisher.publish(submitted.getPayload(), submitted);
        assertThat(awaitInvoices(first, coordinator("ny")).at("/0/total/cents")).isEqualTo("32500");

        FeeSchedule current = ny.fees().get(0);
        PublishedAssociations.publish(environment, ny.withFees(List.of(current, new FeeSchedule(
                LocalDate.parse("2026-11-01"), "USD", 20, current.registration(), levels(2500, 10000, 33000, 40000),
                null, null, null, null, current.nonRefundable()))));
        String second = UUID.randomUUID().toString();
        submitted = submitted("ny", second, "person-ny-2", "IMHS");
        publisher.publish(submitted.getPayload(), submitted);

        Response invoice = awaitInvoices(second, coordinator("ny"));
        assertThat(invoice.at("/0/total/cents")).isEqualTo("35500");
        assertThat(invoice.at("/0/dueOn")).isEqualTo("2026-12-12");
        Response history = ApiClient.onPort(port).as("ny", "auditor-ny", "AUDITOR")
                .get("/api/audit/invoices/INV-" + second + "/events");
        assertThat(history.at("/events/0/payload/pricedBy/feesEffectiveFrom")).isEqualTo("2026-11-01");
        assertThat(Long.parseLong(history.at("/events/0/payload/pricedBy/associationSequence"))).isPositive();
    }

    @Test
    void anInvoiceForAnUnknownAssociationIsRefusedAsAnUnknownAssociation() {
        Response refused = ApiClient.onPort(port).as("zz", "coordinator-zz", "COORDINATOR")
                .post("/api/payments/invoices", Map.of("personId", "person-zz", "lines", List.of(Map.of(
                        "description", "Dues", "amountCents", 100, "fee", "OTHER"))), Map.of("Idempotency-Key", "zz-1"));

        assertThat(refused.status()).as(refused.text()).isEqualTo(404);
        assertThat(refused.text()).contains("association");
    }

    @Test
    void anInvoiceKeepsThePricesInForceWhenItWasIssuedAndANewVersionPricesTheNextOnes() {
        String before = UUID.randomUUID().toString();
        String after = UUID.randomUUID().toString();
        EventMessage<ApplicationSubmitted> first = submitted("tx", before, "person-tx-1", "IMHS");
        publisher.publish(first.getPayload(), first);
        awaitInvoices(before, coordinator("tx"));
        try {
            clock.set(Instant.parse("2027-01-04T09:00:00Z"));
            EventMessage<ApplicationSubmitted> second = submitted("tx", after, "person-tx-2", "IMHS");
            publisher.publish(second.getPayload(), second);

            Response newer = awaitInvoices(after, coordinator("tx"));
            assertThat(newer.at("/0/total/cents")).isEqualTo("29700");
            assertThat(newer.at("/0/dueOn")).isEqualTo("2027-02-03");
        } finally {
            clock.set(NOW);
        }
        assertThat(coordinator("tx").get("/api/payments/invoices/INV-" + before).at("/total/cents"))
                .isEqualTo("27000");
    }

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
    void aPaymentRetriedWithTheSameKeyIsRecordedOnceAndSettlesTheInvoice() {
        String applicationId = UUID.randomUUID().toString();
        EventMessage<ApplicationSubmitted> submitted = submitted("ma", applicationId, "person-2", "IFS");
        publisher.publish(submitted.getPayload(), submitted);
        ApiClient coordinator = coordinator("ma");
        String invoiceId = awaitInvoices(applicationId, coordinator).at("/0/invoiceId");
        Map<String, Object> payment = Map.of("amountCents", 12_000, "currency", "USD", "method", "CHECK",
                "reference", "check 2044");

        Response first = coordinator.post("/api/payments/invoices/" + invoiceId + "/payments", payment,
                Map.of("Idempotency-Key", "key-" + applicationId));
        Response retried = coordinator.post("/api/payments/invoices/" + invoiceId + "/payments", payment,
                Map.of("Idempotency-Key", "key-" + applicationId));

        assertThat(first.status()).as(first.text()).isEqualTo(200);
        assertThat(first.at("/status")).isEqualTo("PAID");
        assertThat(retried.status()).isEqualTo(200);
        assertThat(retried.at("/paid/cents")).isEqualTo("12000");
        ConsumerRecord<byte[], byte[]> paid = awaitPublished(InvoicePaid.TYPE, applicationId);
        assertThat(KafkaTopics.key(paid)).isEqualTo("person-2");
        assertThat(new String(paid.value())).contains("\"cents\":12000");
        assertThat(eventsOf(invoiceId)).containsExactly("InvoiceIssued", "PaymentRecorded", "InvoiceSettled");
    }

    @Test
    void anOverpaymentIsRefusedWithTheRuleAndAPaymentWithoutKeyNamesTheHeader() {
        String applicationId = UUID.randomUUID().toString();
        EventMessage<ApplicationSubmitted> submitted = submitted("ma", applicationId, "person-3", "IFA");
        publisher.publish(submitted.getPayload(), submitted);
        ApiClient coordinator = coordinator("ma");
        String invoiceId = awaitInvoices(applicationId, coordinator).at("/0/invoiceId");

        Response over = coordinator.post("/api/payments/invoices/" + invoiceId + "/payments",
                Map.of("amountCents", 999_999, "currency", "USD", "method", "CARD"), Map.of("Idempotency-Key", "k1"));
        Response negative = coordinator.post("/api/payments/invoices/" + invoiceId + "/payments",
                Map.of("amountCents", -5, "currency", "USD", "method", "CARD"), Map.of("Idempotency-Key", "k2"));
        Response fractional = coordinator.post("/api/payments/invoices/" + invoiceId + "/payments",
                "{\"amountCents\": 12.5, \"currency\": \"USD\", \"method\": \"CHECK\"}",
                Map.of("Idempotency-Key", "k3"));
        Response keyless = coordinator.post("/api/payments/invoices/" + invoiceId + "/payments",
                Map.of("amountCents", 100, "currency", "USD", "method", "CARD"));

        assertThat(over.status()).isEqualTo(409);
        assertThat(over.at("/rule")).isEqualTo("overpayment");
        assertThat(negative.status()).isEqualTo(400);
        assertThat(negative.at("/errors/0/field")).isEqualTo("amountCents");
        assertThat(fractional.status()).as(fractional.text()).isEqualTo(400);
        assertThat(keyless.status()).isEqualTo(400);
        assertThat(keyless.text()).contains("Idempotency-Key");
        assertThat(eventsOf(invoiceId)).containsExactly("InvoiceIssued");
    }

    @Test
    void anotherAssociationOrAnotherApplicantSeesNoInvoiceAndAnApplicantRecordsNoPayment() {
        String applicationId = UUID.randomUUID().toString();
        EventMessage<ApplicationSubmitted> submitted = submitted("ma", applicationId, "person-4", "IMHS");
        publisher.publish(submitted.getPayload(), submitted);
        ApiClient applicant = ApiClient.onPort(port).as("ma", "person-4", "APPLICANT");
        String invoiceId = awaitInvoices(applicationId, applicant).at("/0/invoiceId");
        Map<String, Object> payment = Map.of("amountCents", 100, "currency", "USD", "method", "CHECK");

        assertThat(coordinator("wa").get("/api/payments/invoices/" + invoiceId).status()).isEqualTo(404);
        assertThat(coordinator("wa").post("/api/payments/invoices/" + invoiceId + "/payments", payment,
                Map.of("Idempotency-Key", "wa-1")).status()).isEqualTo(404);
        assertThat(ApiClient.onPort(port).as("ma", "person-5", "APPLICANT")
                .get("/api/payments/invoices/" + invoiceId).status()).isEqualTo(404);
        assertThat(applicant.post("/api/payments/invoices/" + invoiceId + "/payments", payment,
                Map.of("Idempotency-Key", "self-1")).status()).isEqualTo(403);
        assertThat(eventsOf(invoiceId)).containsExactly("InvoiceIssued");
    }

    @Test
    void onlyStaffSeeInvoicesNotAddressedToThemAndARoleThatMayNotActIsRefusedBeforeItsInputIsRead() {
        String invoiceId = issue("ma", "person-6", 5_000);
        String invoice = "/api/payments/invoices/" + invoiceId;

        for (String role : List.of("ENDORSEE", "REFERENCE_RATER", "APPLICANT")) {
            assertThat(ApiClient.onPort(port).as("ma", "person-7", role).get(invoice).status()).as(role)
                    .isEqualTo(404);
        }
        assertThat(ApiClient.onPort(port).as("ma", "person-6", "ENDORSEE").get(invoice).status()).isEqualTo(200);
        assertThat(ApiClient.onPort(port).as("ma", "admin-1", "TENANT_ADMIN").get(invoice).status()).isEqualTo(200);
        // An auditor reads but never pays; without the role, an invalid body or a missing key is not even read.
        Response checkout = ApiClient.onPort(port).as("ma", "auditor-1", "AUDITOR")
                .post(invoice + "/card-checkouts", null, Map.of("Idempotency-Key", "audit-1"));
        Response payment = ApiClient.onPort(port).as("ma", "person-6", "APPLICANT")
                .post(invoice + "/payments", Map.of("amountCents", -1));
        Response issued = ApiClient.onPort(port).as("ma", "auditor-1", "AUDITOR")
                .post("/api/payments/invoices", Map.of(), Map.of("Idempotency-Key", "audit-2"));
        assertThat(checkout.status()).as(checkout.text()).isEqualTo(403);
        assertThat(payment.status()).as(payment.text()).isEqualTo(403);
        assertThat(payment.at("/detail")).isEqualTo("Only coordinators record payments");
        assertThat(issued.status()).as(issued.text()).isEqualTo(403);
        assertThat(eventsOf(invoiceId)).containsExactly("InvoiceIssued");
    }

    @Test
    void aCoordinatorIssuesAnInvoiceFromTheScheduleOnceHoweverOftenTheRequestIsSent() {
        ApiClient coordinator = coordinator("wa");
        String key = UUID.randomUUID().toString();
        Map<String, Object> request = Map.of("personId", "person-wa-1", "lines", List.of(
                Map.of("fee", "REINSTATEMENT"),
                Map.of("description", "Certificate reprint", "amountCents", 1_250)));

        Response issued = coordinator.post("/api/payments/invoices", request, Map.of("Idempotency-Key", key));
        Response again = coordinator.post("/api/payments/invoices", request, Map.of("Idempotency-Key", key));

        assertThat(issued.status()).as(issued.text()).isEqualTo(201);
        assertThat(issued.at("/total/cents")).isEqualTo("11250");
        assertThat(issued.body().get("lines").findValuesAsText("kind")).containsExactly("REINSTATEMENT", "OTHER");
        assertThat(issued.body().get("lines").findValuesAsText("code"))
                .containsExactly("fee-reinstatement", "fee-as-written");
        assertThat(issued.at("/lines/1/phrase/values/description")).isEqualTo("Certificate reprint");
        assertThat(issued.at("/dueOn")).isEqualTo("2026-12-22");
        assertThat(again.status()).isEqualTo(200);
        assertThat(again.at("/invoiceId")).isEqualTo(issued.at("/invoiceId"));
        assertThat(eventsOf(issued.at("/invoiceId"))).containsExactly("InvoiceIssued");
        ConsumerRecord<byte[], byte[]> published = awaitPublished(InvoiceIssued.TYPE, issued.at("/invoiceId"));
        assertThat(KafkaTopics.key(published)).isEqualTo("person-wa-1");
        assertThat(KafkaTopics.header(published, "ce_tenantid")).isEqualTo("wa");
    }

    @Test
    void anInvoiceNeedsPricedLinesAFeeTheAssociationChargesAndACoordinator() {
        Response unpriced = coordinator("ma").post("/api/payments/invoices",
                Map.of("personId", "p", "lines", List.of(Map.of("description", "Something"))),
                Map.of("Idempotency-Key", UUID.randomUUID().toString()));
        Response uncharged = coordinator("ma").post("/api/payments/invoices",
                Map.of("personId", "p", "lines", List.of(Map.of("fee", "REINSTATEMENT"))),
                Map.of("Idempotency-Key", UUID.randomUUID().toString()));
        Response byApplicant = ApiClient.onPort(port).as("ma", "p", "APPLICANT").post("/api/payments/invoices",
                Map.of("personId", "p", "lines", List.of(Map.of("description", "Gift", "amountCents", 1))),
                Map.of("Idempotency-Key", UUID.randomUUID().toString()));

        assertThat(unpriced.status()).isEqualTo(400);
        assertThat(unpriced.at("/errors/0/field")).isEqualTo("lines[0].priced");
        assertThat(uncharged.status()).isEqualTo(409);
        assertThat(uncharged.at("/rule")).isEqualTo("fee-not-in-schedule");
        assertThat(byApplicant.status()).isEqualTo(403);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM invoice_view WHERE person_id = 'p'", Integer.class))
                .isZero();
    }

    @Test
    void aVoidedInvoiceIsPublishedWithItsReasonAndTakesNoPayment() {
        String invoiceId = issue("ma", "person-6", 5_000);
        ApiClient coordinator = coordinator("ma");

        Response blank = coordinator.post("/api/payments/invoices/" + invoiceId + "/voiding", Map.of("reason", " "));
        Response voided = coordinator.post("/api/payments/invoices/" + invoiceId + "/voiding",
                Map.of("reason", "Issued to the wrong person"));
        Response payment = coordinator.post("/api/payments/invoices/" + invoiceId + "/payments",
                Map.of("amountCents", 5_000, "currency", "USD", "method", "CHECK"), Map.of("Idempotency-Key", "v-1"));

        assertThat(blank.status()).isEqualTo(400);
        assertThat(blank.at("/errors/0/field")).isEqualTo("reason");
        assertThat(voided.status()).as(voided.text()).isEqualTo(200);
        assertThat(voided.at("/status")).isEqualTo("VOID");
        assertThat(voided.at("/voidReason")).isEqualTo("Issued to the wrong person");
        assertThat(voided.at("/outstanding/cents")).isEqualTo("0");
        assertThat(payment.status()).isEqualTo(409);
        assertThat(payment.at("/rule")).isEqualTo("invoice-void");
        assertThat(eventsOf(invoiceId)).containsExactly("InvoiceIssued", "InvoiceVoided");
        assertThat(new String(awaitPublished(InvoiceVoided.TYPE, invoiceId).value()))
                .contains("\"reason\":\"Issued to the wrong person\"");
    }

    @Test
    void aWaiverAndAScholarshipWithTheirReasonsSettleAnInvoiceWithoutMoney() {
        String applicationId = UUID.randomUUID().toString();
        EventMessage<ApplicationSubmitted> submitted = submitted("ma", applicationId, "person-7", "IFA");
        publisher.publish(submitted.getPayload(), submitted);
        ApiClient coordinator = coordinator("ma");
        String invoiceId = awaitInvoices(applicationId, coordinator).at("/0/invoiceId");
        String waivers = "/api/payments/invoices/" + invoiceId + "/waivers";

        Response reasonless = coordinator.post(waivers, Map.of("amountCents", 1_000, "currency", "USD",
                "kind", "WAIVER"), Map.of("Idempotency-Key", "w-0"));
        Response waived = coordinator.post(waivers, Map.of("amountCents", 1_000, "currency", "USD",
                "kind", "WAIVER", "reason", "Registration waived for board members"), Map.of("Idempotency-Key", "w-1"));
        Response scholarship = coordinator.post(waivers, Map.of("amountCents", 3_000, "currency", "USD",
                "kind", "SCHOLARSHIP", "reason", "Diversity scholarship 2026"), Map.of("Idempotency-Key", "w-2"));

        assertThat(reasonless.status()).isEqualTo(400);
        assertThat(reasonless.at("/errors/0/field")).isEqualTo("reason");
        assertThat(waived.at("/outstanding/cents")).isEqualTo("3000");
        assertThat(scholarship.status()).as(scholarship.text()).isEqualTo(200);
        assertThat(scholarship.at("/status")).isEqualTo("PAID");
        assertThat(scholarship.at("/waived/cents")).isEqualTo("4000");
        assertThat(scholarship.at("/paid/cents")).isEqualTo("0");
        awaitPublished(InvoicePaid.TYPE, applicationId);
    }

    @Test
    void anInvoiceKeptAsASnapshotComesBackAsEveryEventMakesIt(
            @Autowired EventStore eventStore, @Autowired @Qualifier("snapshotSerializer") Serializer snapshots) {
        String applicationId = UUID.randomUUID().toString();
        EventMessage<ApplicationSubmitted> submitted = submitted("ma", applicationId, "person-snapshot", "IMHS");
        publisher.publish(submitted.getPayload(), submitted);
        ApiClient coordinator = coordinator("ma");
        String invoiceId = awaitInvoices(applicationId, coordinator).at("/0/invoiceId");
        String payments = "/api/payments/invoices/" + invoiceId + "/payments";
        assertThat(coordinator.post(payments, Map.of("amountCents", 10_000, "currency", "USD", "method", "CHECK",
                "reference", "check 77"), Map.of("Idempotency-Key", "snapshot-1")).status()).isEqualTo(200);
        assertThat(coordinator.post("/api/payments/invoices/" + invoiceId + "/waivers", Map.of("amountCents", 1_000,
                "currency", "USD", "kind", "SCHOLARSHIP", "reason", "Scholarship 2026"),
                Map.of("Idempotency-Key", "snapshot-2")).status()).isEqualTo(200);

        Invoice replayed = AggregateReplay.fromEveryEvent(eventStore, Invoice.class, invoiceId);
        Invoice restored = AggregateReplay.throughSnapshot(snapshots, replayed);

        assertThat(restored).usingRecursiveComparison().isEqualTo(replayed);
        assertThat(replayed).hasFieldOrPropertyWithValue("paidCents", 10_000L).hasFieldOrPropertyWithValue("waivedCents", 1_000L);
    }

    @Test
    void anAgencysOnePaymentIsSharedOverItsStaffsInvoicesWithoutLosingACentAndRecordedOnce() {
        List<String> invoices = List.of(issue("ma", "staff-1", 32_500), issue("ma", "staff-2", 12_000),
                issue("ma", "staff-3", 4_001));
        ApiClient coordinator = coordinator("ma");
        String key = "agency-" + UUID.randomUUID();
        Map<String, Object> request = Map.of("payer", "Little Steps Early Learning", "amountCents", 10_001,
                "currency", "USD", "method", "BANK_TRANSFER", "reference", "transfer 88-1",
                "invoiceIds", invoices);

        Response paid = coordinator.post("/api/payments/group-payments", request, Map.of("Idempotency-Key", key));
        Response retried = coordinator.post("/api/payments/group-payments", request, Map.of("Idempotency-Key", key));

        assertThat(paid.status()).as(paid.text()).isEqualTo(201);
        assertThat(paid.body().get("shares").findValuesAsText("cents")).containsExactly("6702", "2474", "825");
        assertThat(retried.status()).isEqualTo(200);
        assertThat(retried.body().get("shares")).isEqualTo(paid.body().get("shares"));
        assertThat(paidOn(invoices)).containsExactly(6_702L, 2_474L, 825L);
        assertThat(paidOn(invoices).stream().mapToLong(Long::longValue).sum()).isEqualTo(10_001L);
        invoices.forEach(id -> assertThat(eventsOf(id)).containsExactly("InvoiceIssued", "PaymentRecorded"));

        Response rest = coordinator.post("/api/payments/group-payments", Map.of("payer", "Little Steps",
                "amountCents", 48_501 - 10_001, "currency", "USD", "method", "CHECK", "invoiceIds", invoices),
                Map.of("Idempotency-Key", key + "-rest"));
        assertThat(rest.status()).as(rest.text()).isEqualTo(201);
        invoices.forEach(id -> assertThat(coordinator.get("/api/payments/invoices/" + id).at("/status"))
                .isEqualTo("PAID"));
    }

    @Test
    void theSameInvoiceOrGroupPaymentSentSeveralTimesAtOnceIsRecordedOnce() {
        ApiClient coordinator = coordinator("ma");
        String invoiceKey = UUID.randomUUID().toString();
        Map<String, Object> invoice = Map.of("personId", "staff-6", "lines",
                List.of(Map.of("description", "Fees", "amountCents", 9_999)));
        List<Response> issued = atOnce(() -> coordinator.post("/api/payments/invoices", invoice,
                Map.of("Idempotency-Key", invoiceKey)));
        assertThat(issued).allSatisfy(response -> assertThat(response.status()).as(response.text()).isIn(200, 201));
        assertThat(issued).extracting(response -> response.at("/invoiceId")).containsOnly(issued.get(0).at("/invoiceId"));
        assertThat(eventsOf(issued.get(0).at("/invoiceId"))).containsExactly("InvoiceIssued");

        List<String> invoices = List.of(issued.get(0).at("/invoiceId"), issue("ma", "staff-7", 1));
        String paymentKey = "agency-" + UUID.randomUUID();
        Map<String, Object> payment = Map.of("payer", "Agency", "amountCents", 10_000, "currency", "USD",
                "method", "CHECK", "invoiceIds", invoices);
        List<Response> paid = atOnce(() -> coordinator.post("/api/payments/group-payments", payment,
                Map.of("Idempotency-Key", paymentKey)));
        assertThat(paid).allSatisfy(response -> assertThat(response.status()).as(response.text()).isIn(200, 201));
        assertThat(paid).extracting(response -> response.body().get("shares")).containsOnly(paid.get(0).body().get("shares"));
        invoices.forEach(id -> assertThat(eventsOf(id)).containsExactly("InvoiceIssued", "PaymentRecorded",
                "InvoiceSettled"));
    }

    private static List<Response> atOnce(Supplier<Response> request) {
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<CompletableFuture<Response>> sent = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                sent.add(CompletableFuture.supplyAsync(request, pool));
            }
            return sent.stream().map(CompletableFuture::join).toList();
        } finally {
            pool.shutdown();
        }
    }

    @Test
    void aGroupPaymentNamingAnotherAssociationsInvoiceRecordsNothing() {
        String ours = issue("ma", "staff-4", 2_000);
        String theirs = issue("wa", "staff-5", 2_000);

        Response refused = coordinator("ma").post("/api/payments/group-payments", Map.of("payer", "Agency",
                        "amountCents", 4_000, "currency", "USD", "method", "CHECK", "invoiceIds", List.of(ours, theirs)),
                Map.of("Idempotency-Key", UUID.randomUUID().toString()));

        assertThat(refused.status()).isEqualTo(404);
        assertThat(eventsOf(ours)).containsExactly("InvoiceIssued");
        assertThat(eventsOf(theirs)).containsExactly("InvoiceIssued");
    }

    @Test
    void theProcessingFeeOfAWronglyChosenCategoryIsKeptAndTheRestRefundedOnce() {
        String applicationId = UUID.randomUUID().toString();
        EventMessage<ApplicationSubmitted> submitted = submitted("ma", applicationId, "person-8", "IMHS");
        publisher.publish(submitted.getPayload(), submitted);
        ApiClient coordinator = coordinator("ma");
        String invoiceId = awaitInvoices(applicationId, coordinator).at("/0/invoiceId");
        coordinator.post("/api/payments/invoices/" + invoiceId + "/payments", Map.of("amountCents", 32_500,
                "currency", "USD", "method", "CHECK", "reference", "check 3001"), Map.of("Idempotency-Key", "p-1"));
        String refunds = "/api/payments/invoices/" + invoiceId + "/refunds";

        Response everything = coordinator.post(refunds, Map.of("amountCents", 32_500, "currency", "USD",
                "reason", "WRONG_CATEGORY"), Map.of("Idempotency-Key", "r-1"));
        Response registration = coordinator.post(refunds, Map.of("amountCents", 2_500, "currency", "USD",
                "reason", "WRONG_CATEGORY", "note", "Applied as IMHS, qualifies as IFS"),
                Map.of("Idempotency-Key", "r-2"));
        Response retried = coordinator.post(refunds, Map.of("amountCents", 2_500, "currency", "USD",
                "reason", "WRONG_CATEGORY"), Map.of("Idempotency-Key", "r-2"));

        assertThat(everything.status()).isEqualTo(409);
        assertThat(everything.at("/rule")).isEqualTo("fee-not-refundable");
        assertThat(registration.status()).as(registration.text()).isEqualTo(200);
        assertThat(registration.at("/status")).isEqualTo("REFUNDED");
        assertThat(retried.at("/refunded/cents")).isEqualTo("2500");
        assertThat(eventsOf(invoiceId)).containsExactly("InvoiceIssued", "PaymentRecorded", "InvoiceSettled",
                "PaymentRefunded");
        ConsumerRecord<byte[], byte[]> refunded = awaitPublished(InvoiceRefunded.TYPE, applicationId);
        assertThat(KafkaTopics.key(refunded)).isEqualTo("person-8");
        assertThat(new String(refunded.value())).contains("\"reason\":\"WRONG_CATEGORY\"").contains("\"cents\":2500");
    }

    @Test
    void aRefundFollowsTheRulesInForceWhenTheInvoiceWasIssuedNotTheLaterOnes() {
        String applicationId = UUID.randomUUID().toString();
        EventMessage<ApplicationSubmitted> submitted = submitted("tx", applicationId, "person-tx-3", "IMHS");
        publisher.publish(submitted.getPayload(), submitted);
        ApiClient coordinator = coordinator("tx");
        String invoiceId = awaitInvoices(applicationId, coordinator).at("/0/invoiceId");
        pay(coordinator, invoiceId, 27_000);
        String refunds = "/api/payments/invoices/" + invoiceId + "/refunds";
        try {
            clock.set(Instant.parse("2027-01-04T09:00:00Z"));

            Response everything = coordinator.post(refunds, Map.of("amountCents", 27_000, "currency", "USD",
                    "reason", "WRONG_CATEGORY"), Map.of("Idempotency-Key", "tx-r-1"));
            Response registration = coordinator.post(refunds, Map.of("amountCents", 2_000, "currency", "USD",
                    "reason", "WRONG_CATEGORY"), Map.of("Idempotency-Key", "tx-r-2"));

            assertThat(everything.status()).isEqualTo(409);
            assertThat(everything.at("/rule")).isEqualTo("fee-not-refundable");
            assertThat(registration.status()).as(registration.text()).isEqualTo(200);
        } finally {
            clock.set(NOW);
        }
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
                            "Printed 2026-11-22");
        }
        assertThat(ApiClient.onPort(port).as("ma", "person-other", "APPLICANT").get(receipt).status())
                .isEqualTo(404);
    }

    @Test
    void theAccountsShowOpenPaidRefundedAndVoidInvoicesAndTheOverdueOnesOnceTheirDayHasPassed() {
        String open = issue("ty", "ty-1", 1_000);
        String paid = issue("ty", "ty-2", 2_000);
        String refunded = issue("ty", "ty-3", 3_000);
        String voided = issue("ty", "ty-4", 4_000);
        ApiClient coordinator = coordinator("ty");
        pay(coordinator, paid, 2_000);
        pay(coordinator, refunded, 3_000);
        coordinator.post("/api/payments/invoices/" + refunded + "/refunds", Map.of("amountCents", 3_000,
                "currency", "USD", "reason", "WITHDRAWN"), Map.of("Idempotency-Key", "ty-r"));
        coordinator.post("/api/payments/invoices/" + voided + "/voiding", Map.of("reason", "Duplicate"));

        Response today = coordinator.get("/api/payments/accounts");
        assertThat(today.status()).as(today.text()).isEqualTo(200);
        assertThat(totals(today)).containsExactly("OPEN 1 1000 outstanding 1000", "PAID 1 2000 outstanding 0",
                "REFUNDED 1 3000 outstanding 0", "VOID 1 4000 outstanding 0");
        assertThat(today.at("/totals/2/refunded/cents")).isEqualTo("3000");
        try {
            clock.set(NOW.plus(Duration.ofDays(15)));
            Response later = ApiClient.onPort(port).as("ty", "auditor-1", "AUDITOR").get("/api/payments/accounts");
            assertThat(totals(later)).containsExactly("OVERDUE 1 1000 outstanding 1000",
                    "PAID 1 2000 outstanding 0", "REFUNDED 1 3000 outstanding 0", "VOID 1 4000 outstanding 0");
            assertThat(coordinator.get("/api/payments/accounts/invoices?standing=OVERDUE").body()
                    .findValuesAsText("invoiceId")).containsExactly(open);
        } finally {
            clock.set(NOW);
        }
        assertThat(coordinator.get("/api/payments/accounts/invoices?standing=OVERDUE").body()).isEmpty();
        assertThat(ApiClient.onPort(port).as("ty", "ty-1", "APPLICANT").get("/api/payments/accounts").status())
                .isEqualTo(403);
    }

    @Test
    void aRequestedReinstatementIsBilledTheAssociationsReinstatementFeeOnTheInvoiceRenewalServiceNamed() {
        ReinstatementRequested none = new ReinstatementRequested("ma", "MA-000077", "person-77",
                "INV-REINSTATEMENT-MA-000077-1", Instant.parse("2026-11-22T10:00:00Z"));
        ReinstatementRequested requested = new ReinstatementRequested("wa", "WA-000077", "person-77",
                "INV-REINSTATEMENT-WA-000077-1", Instant.parse("2026-11-22T10:00:00Z"));
        EventMessage<ReinstatementRequested> noFee = new GenericEventMessage<>(none, Map.of(AuditMetadata.TENANT, "ma"));
        publisher.publish(none, noFee);
        publisher.publish(requested, new GenericEventMessage<>(requested, Map.of(AuditMetadata.TENANT, "wa")));

        await().atMost(Duration.ofSeconds(30)).until(() ->
                coordinator("wa").get("/api/payments/invoices/INV-REINSTATEMENT-WA-000077-1").status() == 200);
        Response invoice = coordinator("wa").get("/api/payments/invoices/INV-REINSTATEMENT-WA-000077-1");
        assertThat(invoice.at("/total/cents")).isEqualTo("10000");
        assertThat(invoice.at("/personId")).isEqualTo("person-77");
        assertThat(invoice.body().get("lines").findValuesAsText("kind")).containsExactly("REINSTATEMENT");
        // Massachusetts charges no reinstatement fee: its request is handled and billed nothing.
        await().atMost(Duration.ofSeconds(30)).until(() -> jdbc.queryForObject(
                "SELECT count(*) FROM inbox WHERE event_id = ?", Integer.class, noFee.getIdentifier()) == 1);
        assertThat(coordinator("ma").get("/api/payments/invoices/INV-REINSTATEMENT-MA-000077-1").status())
                .isEqualTo(404);
    }

    @Test
    void aLateRenewalIsBilledItsLateFeeOnceOnTheInvoiceRenewalServiceNamedAndItsPaymentIsAnnounced() {
        LateRenewalFeeCharged charged = new LateRenewalFeeCharged("wa", "WA-000088", "person-88",
                "INV-LATE-RENEWAL-WA-000088-2027", Money.of(2_500, "USD"), Instant.parse("2026-11-22T10:00:00Z"));
        EventMessage<LateRenewalFeeCharged> message = new GenericEventMessage<>(charged,
                Map.of(AuditMetadata.TENANT, "wa"));
        publisher.publish(charged, message);
        publisher.publish(charged, message);

        ApiClient coordinator = coordinator("wa");
        await().atMost(Duration.ofSeconds(30)).until(() ->
                coordinator.get("/api/payments/invoices/INV-LATE-RENEWAL-WA-000088-2027").status() == 200);
        Response invoice = coordinator.get("/api/payments/invoices/INV-LATE-RENEWAL-WA-000088-2027");
        assertThat(invoice.at("/total/cents")).isEqualTo("2500");
        assertThat(invoice.at("/personId")).isEqualTo("person-88");
        assertThat(invoice.body().get("lines").findValuesAsText("kind")).containsExactly("LATE");
        assertThat(invoice.at("/lines/0/phrase/code")).isEqualTo("fee-late-renewal");
        assertThat(invoice.at("/lines/0/phrase/values/endorsement")).isEqualTo("WA-000088");
        await().atMost(Duration.ofSeconds(30)).until(() -> jdbc.queryForObject(
                "SELECT count(*) FROM inbox WHERE event_id = ?", Integer.class, message.getIdentifier()) == 1);
        assertThat(eventsOf("INV-LATE-RENEWAL-WA-000088-2027")).containsExactly("InvoiceIssued");

        pay(coordinator, "INV-LATE-RENEWAL-WA-000088-2027", 2_500);
        ConsumerRecord<byte[], byte[]> paid = awaitPublished(InvoicePaid.TYPE, "INV-LATE-RENEWAL-WA-000088-2027");
        assertThat(KafkaTopics.header(paid, "ce_tenantid")).isEqualTo("wa");
        assertThat(new String(paid.value())).contains("\"personId\":\"person-88\"");
    }

    @Test
    void aPaidMembershipInvoiceTellsTheOthersThroughWhichDayThePersonIsAMember() {
        ApiClient coordinator = coordinator("wa");
        Response issued = coordinator.post("/api/payments/invoices", Map.of("personId", "member-1",
                        "lines", List.of(Map.of("fee", "MEMBERSHIP_DUES", "description", "Membership 2027",
                                "amountCents", 5_000)),
                        "membershipThrough", "2027-12-31"),
                Map.of("Idempotency-Key", UUID.randomUUID().toString()));
        String invoiceId = issued.at("/invoiceId");

        pay(coordinator, invoiceId, 5_000);

        ConsumerRecord<byte[], byte[]> member = awaitPublished(MembershipActive.TYPE, invoiceId);
        assertThat(KafkaTopics.key(member)).isEqualTo("member-1");
        assertThat(new String(member.value())).contains("\"activeThrough\":\"2027-12-31\"");
    }

    @Test
    void membershipDuesRunByTheAssociationsCalendarYearRuleFromTheDayTheMembershipBegins() {
        ApiClient coordinator = coordinator("wa");
        try {
            // September 2 in Seattle is after September 1: the membership runs to December 31 of the next year.
            clock.set(Instant.parse("2027-09-02T18:00:00Z"));
            String late = membershipDues(coordinator, "member-2");
            assertThat(coordinator.get("/api/payments/invoices/" + late).at("/membershipThrough"))
                    .isEqualTo("2028-12-31");
            pay(coordinator, late, 5_000);
            String published = new String(awaitPublished(MembershipActive.TYPE, late).value());
            assertThat(published).contains("\"activeFrom\":\"2027-09-02\"")
                    .contains("\"activeThrough\":\"2028-12-31\"");
            // 4:30 pm on September 1 in Seattle is September 2 in UTC: still this year's membership.
            clock.set(Instant.parse("2027-09-01T23:30:00Z"));
            String onTime = membershipDues(coordinator, "member-3");
            assertThat(coordinator.get("/api/payments/invoices/" + onTime).at("/membershipThrough"))
                    .isEqualTo("2027-12-31");
            Response policy = coordinator.get("/api/payments/membership-policy");
            assertThat(policy.at("/requiredToApply")).isEqualTo("true");
            assertThat(policy.at("/today")).isEqualTo("2027-09-01");
            assertThat(policy.at("/boughtTodayRunsThrough")).isEqualTo("2027-12-31");
            assertThat(coordinator("ma").get("/api/payments/membership-policy").at("/requiredToApply"))
                    .isEqualTo("false");
        } finally {
            clock.set(NOW);
        }
    }

    @Test
    void anInvoiceIssuedInTheEveningIsIssuedAndDueByTheAssociationsDayNotUtcs() {
        try {
            // 10 pm on February 28 in Boston is March 1 in UTC.
            clock.set(Instant.parse("2027-03-01T03:00:00Z"));
            String invoice = issue("ma", "evening-1", 1_000);
            Response issued = coordinator("ma").get("/api/payments/invoices/" + invoice);
            assertThat(issued.at("/issuedOn")).isEqualTo("2027-02-28");
            assertThat(issued.at("/dueOn")).isEqualTo("2027-03-30");
        } finally {
            clock.set(NOW);
        }
    }

    @Test
    void aDueDateBefore1900OrYearsAheadIsRefusedNamingTheFieldAndIssuesNothing() {
        ApiClient coordinator = coordinator("ma");
        for (String dueOn : List.of("1899-12-31", "2099-01-01", "20260-01-01")) {
            Response refused = coordinator.post("/api/payments/invoices", Map.of("personId", "typo-1",
                            "lines", List.of(Map.of("description", "Fees", "amountCents", 1_000)), "dueOn", dueOn),
                    Map.of("Idempotency-Key", "typo-" + dueOn));
            assertThat(refused.status()).as(dueOn).isEqualTo(400);
            assertThat(refused.text()).contains("dueOn");
        }
        Response membership = coordinator.post("/api/payments/invoices", Map.of("personId", "typo-1",
                        "lines", List.of(Map.of("description", "Dues", "amountCents", 1_000)),
                        "membershipThrough", "1027-12-31"),
                Map.of("Idempotency-Key", "typo-membership"));
        assertThat(membership.status()).isEqualTo(400);
        assertThat(membership.at("/errors/0/field")).isEqualTo("membershipThrough");
        assertThat(membership.at("/errors/0/rule")).isEqualTo("DateRange");
        assertThat(jdbc.queryForObject("SELECT count(*) FROM invoice_view WHERE person_id = 'typo-1'", Integer.class))
                .isZero();
    }

    private String membershipDues(ApiClient coordinator, String person) {
        Response issued = coordinator.post("/api/payments/invoices", Map.of("personId", person,
                        "lines", List.of(Map.of("fee", "MEMBERSHIP_DUES", "description", "Membership",
                                "amountCents", 5_000))),
                Map.of("Idempotency-Key", UUID.randomUUID().toString()));
        assertThat(issued.status()).as(issued.text()).isEqualTo(201);
        return issued.at("/invoiceId");
    }

    @Test
    void anApplicantPaysByCardAndTheProcessorsSignedWebhookRecordsThePaymentOnceHoweverOftenItComes() {
        String applicationId = UUID.randomUUID().toString();
        EventMessage<ApplicationSubmitted> submitted = submitted("ma", applicationId, "person-card", "IFS");
        publisher.publish(submitted.getPayload(), submitted);
        ApiClient applicant = ApiClient.onPort(port).as("ma", "person-card", "APPLICANT");
        String invoiceId = awaitInvoices(applicationId, applicant).at("/0/invoiceId");

        Response started = applicant.post("/api/payments/invoices/" + invoiceId + "/card-checkouts", null,
                Map.of("Idempotency-Key", "card-1"));
        Response someoneElse = ApiClient.onPort(port).as("ma", "person-other", "APPLICANT")
                .post("/api/payments/invoices/" + invoiceId + "/card-checkouts", null,
                        Map.of("Idempotency-Key", "card-1"));

        assertThat(started.status()).as(started.text()).isEqualTo(200);
        assertThat(started.at("/amount/cents")).isEqualTo("12000");
        String intent = started.at("/processorPaymentId");
        assertThat(started.at("/clientSecret")).isEqualTo(intent + "_secret_abc");
        assertThat(someoneElse.status()).isEqualTo(404);
        ProcessorRequest sent = PROCESSOR_REQUESTS.stream().filter(r -> r.body().contains(invoiceId)).findFirst()
                .orElseThrow();
        assertThat(sent.authorization()).isEqualTo("Bearer sk_test_123");
        assertThat(sent.idempotencyKey()).isEqualTo("ma/" + invoiceId + "/card-1");
        assertThat(sent.body()).contains("amount=12000", "currency=usd", "metadata%5Btenant_id%5D=ma",
                "metadata%5Binvoice_id%5D=" + invoiceId);

        // The same request again sends the processor the same idempotency key, so the processor answers the same
        // payment instead of starting a second one.
        applicant.post("/api/payments/invoices/" + invoiceId + "/card-checkouts", null,
                Map.of("Idempotency-Key", "card-1"));
        assertThat(PROCESSOR_REQUESTS.stream().filter(r -> r.body().contains(invoiceId))
                .map(ProcessorRequest::idempotencyKey)).containsOnly("ma/" + invoiceId + "/card-1").hasSize(2);

        // A declined card: the processor reports the failure, nothing is recorded and the invoice stays open.
        String declined = "{\"id\":\"evt_0\",\"type\":\"payment_intent.payment_failed\",\"data\":{\"object\":{"
                + "\"id\":\"" + intent + "\",\"amount_received\":0,\"currency\":\"usd\","
                + "\"last_payment_error\":{\"code\":\"card_declined\"},"
                + "\"metadata\":{\"tenant_id\":\"ma\",\"invoice_id\":\"" + invoiceId + "\"}}}}";
        Response failed = webhook(declined, signed(declined, NOW.getEpochSecond(), WEBHOOK_SECRET));
        assertThat(failed.status()).isEqualTo(200);
        assertThat(failed.at("/recorded")).isEqualTo("false");
        assertThat(applicant.get("/api/payments/invoices/" + invoiceId).at("/status")).isEqualTo("OPEN");
        assertThat(eventsOf(invoiceId)).containsExactly("InvoiceIssued");

        String succeeded = "{\"id\":\"evt_1\",\"type\":\"payment_intent.succeeded\",\"data\":{\"object\":{"
                + "\"id\":\"" + intent + "\",\"amount_received\":12000,\"currency\":\"usd\","
                + "\"metadata\":{\"tenant_id\":\"ma\",\"invoice_id\":\"" + invoiceId + "\"}}}}";
        Response first = webhook(succeeded, signed(succeeded, NOW.getEpochSecond(), WEBHOOK_SECRET));
        Response again = webhook(succeeded, signed(succeeded, NOW.getEpochSecond() + 60, WEBHOOK_SECRET));

        assertThat(first.status()).as(first.text()).isEqualTo(200);
        assertThat(again.status()).isEqualTo(200);
        assertThat(applicant.get("/api/payments/invoices/" + invoiceId).at("/status")).isEqualTo("PAID");
        assertThat(eventsOf(invoiceId)).containsExactly("InvoiceIssued", "PaymentRecorded", "InvoiceSettled");
        awaitPublished(InvoicePaid.TYPE, applicationId);
    }

    @Test
    void aWebhookNotSignedWithOurSecretOrSignedLongAgoRecordsNothing() {
        String invoiceId = issue("ma", "person-forged", 5_000);
        String forged = "{\"id\":\"evt_2\",\"type\":\"payment_intent.succeeded\",\"data\":{\"object\":{"
                + "\"id\":\"pi_forged\",\"amount_received\":5000,\"currency\":\"usd\","
                + "\"metadata\":{\"tenant_id\":\"ma\",\"invoice_id\":\"" + invoiceId + "\"}}}}";

        Response otherSecret = webhook(forged, signed(forged, NOW.getEpochSecond(), "whsec_guessed"));
        Response replayed = webhook(forged, signed(forged, NOW.getEpochSecond() - 3_600, WEBHOOK_SECRET));
        Response unsigned = webhook(forged, null);
        String other = "{\"id\":\"evt_3\",\"type\":\"charge.dispute.created\",\"data\":{\"object\":{}}}";
        Response ignored = webhook(other, signed(other, NOW.getEpochSecond(), WEBHOOK_SECRET));

        assertThat(otherSecret.status()).isEqualTo(400);
        assertThat(replayed.status()).isEqualTo(400);
        assertThat(unsigned.status()).isEqualTo(400);
        assertThat(ignored.status()).isEqualTo(200);
        assertThat(ignored.at("/recorded")).isEqualTo("false");
        assertThat(eventsOf(invoiceId)).containsExactly("InvoiceIssued");
    }

    private Response webhook(String body, String signature) {
        return ApiClient.onPort(port).post("/api/payments/card-webhooks", body,
                signature == null ? Map.of() : Map.of("Stripe-Signature", signature));
    }

    /** Signs as Stripe documents it, independently of the service's own code. */
    private static String signed(String body, long epochSecond, String secret) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return "t=" + epochSecond + ",v1=" + HexFormat.of().formatHex(
                    mac.doFinal((epochSecond + "." + body).getBytes(StandardCharsets.UTF_8)));
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void anAuditorSeesAnInvoiceAsItWasBeforeItWasPaidAndARebuildGivesTheSameInvoices() {
        String person = "person-" + UUID.randomUUID();
        String invoiceId = issue("ma", person, 4_000);
        Response shownThen = coordinator("ma").get("/api/payments/invoices/" + invoiceId);
        ApiClient auditor = ApiClient.onPort(port).as("ma", "auditor-ma", "AUDITOR");
        try {
            clock.set(NOW.plus(Duration.ofDays(5)));
            pay(coordinator("ma"), invoiceId, 4_000);

            Response state = auditor.get("/api/audit/invoices/" + invoiceId + "/state?at=" + NOW.plus(Duration.ofDays(2)));
            assertThat(state.status()).as(state.text()).isEqualTo(200);
            assertThat(state.body().get("view")).isEqualTo(shownThen.body());
            assertThat(state.at("/view/status")).isEqualTo("OPEN");
            Response history = auditor.get("/api/audit/invoices/" + invoiceId + "/events");
            assertThat(history.body().findValuesAsText("type")).startsWith("InvoiceIssued");
            // The audit page's type filter: every type an invoice stores, those it applies without a handler too.
            List<String> types = new ArrayList<>();
            auditor.get("/api/audit/invoices/event-types").body().forEach(type -> types.add(type.asText()));
            assertThat(types).containsAll(history.body().findValuesAsText("type"))
                    .contains("InvoiceSettled", "MembershipPaid", "PaymentRefunded", "InvoiceVoided");
            assertThat(history.body().findValuesAsText("subject")).containsOnly("coordinator-ma");
            assertThat(auditor.get("/api/audit/invoices/people/" + person + "/events").body().get("events"))
                    .isEqualTo(history.body().get("events"));
            assertThat(auditor.get("/api/audit/invoices/verification").at("/intact")).isEqualTo("true");
            assertThat(ApiClient.onPort(port).as("wa", "auditor-wa", "AUDITOR")
                    .get("/api/audit/invoices/" + invoiceId + "/events").status()).isEqualTo(404);
        } finally {
            clock.set(NOW);
        }

        List<Map<String, Object>> before = jdbc.queryForList("SELECT * FROM invoice_view ORDER BY invoice_id");
        ApiClient operator = ApiClient.onPort(port).as("ma", "operator-1", "PLATFORM_ADMIN");
        Response started = operator.post("/api/payments/read-models/invoice-view/rebuilds", null);
        assertThat(started.status()).as(started.text()).isEqualTo(202);
        String progress = "/api/payments/read-models/rebuilds/" + started.at("/id");
        await().atMost(Duration.ofSeconds(30)).until(() -> !"RUNNING".equals(operator.get(progress).at("/status")));
        assertThat(operator.get(progress).at("/status")).isEqualTo("DONE");
        assertThat(jdbc.queryForList("SELECT * FROM invoice_view ORDER BY invoice_id")).isEqualTo(before);
    }

    private String issue(String tenant, String person, long cents) {
        Response issued = coordinator(tenant).post("/api/payments/invoices", Map.of("personId", person,
                        "lines", List.of(Map.of("description", "Fees", "amountCents", cents))),
                Map.of("Idempotency-Key", UUID.randomUUID().toString()));
        assertThat(issued.status()).as(issued.text()).isEqualTo(201);
        return issued.at("/invoiceId");
    }

    private void pay(ApiClient coordinator, String invoiceId, long cents) {
        Response paid = coordinator.post("/api/payments/invoices/" + invoiceId + "/payments",
                Map.of("amountCents", cents, "currency", "USD", "method", "CHECK"),
                Map.of("Idempotency-Key", "pay-" + invoiceId));
        assertThat(paid.status()).as(paid.text()).isEqualTo(200);
    }

    private List<String> totals(Response accounts) {
        List<String> lines = new ArrayList<>();
        accounts.body().get("totals").forEach(total -> lines.add(total.get("standing").asText() + " "
                + total.get("invoices").asText() + " " + total.get("total").get("cents").asText()
                + " outstanding " + total.get("outstanding").get("cents").asText()));
        return lines;
    }

    private List<Long> paidOn(List<String> invoiceIds) {
        Map<String, Long> paid = new LinkedHashMap<>();
        invoiceIds.forEach(id -> paid.put(id, jdbc.queryForObject(
                "SELECT paid_cents FROM invoice_view WHERE invoice_id = ?", Long.class, id)));
        return List.copyOf(paid.values());
    }

    private List<String> eventsOf(String aggregateId) {
        return jdbc.queryForList("SELECT payload_type FROM domain_event_entry WHERE aggregate_identifier = ? "
                        + "ORDER BY sequence_number", String.class, aggregateId).stream()
                .map(type -> type.substring(type.lastIndexOf('.') + 1)).toList();
    }

    private ConsumerRecord<byte[], byte[]> awaitPublished(String type, String mentioning) {
        Predicate<ConsumerRecord<byte[], byte[]>> match = r -> type.equals(KafkaTopics.header(r, "ce_type"))
                && new String(r.value()).contains(mentioning);
        return KafkaTopics.awaitFirst(kafkaPrefix + Topics.PAYMENTS, match);
    }

    private Response awaitInvoices(String applicationId, ApiClient client) {
        String path = "/api/payments/invoices?applicationId=" + applicationId;
        await().atMost(Duration.ofSeconds(30)).until(() -> client.get(path).body().size() > 0);
        return client.get(path);
    }

    private static EventMessage<ApplicationSubmitted> submitted(String tenant, String applicationId, String person,
                                                                String category) {
        return new GenericEventMessage<>(new ApplicationSubmitted(tenant, applicationId, person, "Some One",
                category, NOW), Map.of(AuditMetadata.TENANT, tenant));
    }
}
