package org.iecmh.endorsement.payment;

import com.sun.net.httpserver.HttpServer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericEventMessage;
import org.iecmh.endorsement.contracts.ApplicationSubmitted;
import org.iecmh.endorsement.contracts.Topics;
import org.iecmh.endorsement.contracts.association.Association;
import org.iecmh.endorsement.contracts.association.FeeSchedule;
import org.iecmh.endorsement.contracts.association.MembershipVersion;
import org.iecmh.endorsement.kit.audit.AuditMetadata;
import org.iecmh.endorsement.kit.messaging.IntegrationEventPublisher;
import org.iecmh.endorsement.testkit.ApiClient;
import org.iecmh.endorsement.testkit.ApiClient.Response;
import org.iecmh.endorsement.testkit.Given;
import org.iecmh.endorsement.testkit.KafkaTopics;
import org.iecmh.endorsement.testkit.MutableClock;
import org.iecmh.endorsement.testkit.PublishedAssociations;
import org.iecmh.endorsement.testkit.RealInfrastructure;
import org.iecmh.endorsement.testkit.WithRealInfrastructure;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
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

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
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
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Predicate;
import java.util.function.Supplier;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * payment-service on the real PostgreSQL server and Kafka broker, as every feature's service test starts it: one
 * Spring context for them all, the card processor's stand-in, the associations they bill for, and the requests they
 * share (issuing and paying an invoice, reading what was stored and published).
 */
@SpringBootTest(classes = PaymentServiceApplication.class,
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "spring.config.name=" + PaymentServiceApplication.NAME)
@WithRealInfrastructure
@Import(PaymentServiceTestBase.Time.class)
public abstract class PaymentServiceTestBase {
    protected static final Instant NOW = Instant.parse("2026-11-22T12:00:00Z");

    @TestConfiguration
    public static class Time {
        /** The service's clock, moved by the stories that need another day; each puts it back. */
        @Bean
        MutableClock clock() {
            return new MutableClock(NOW);
        }
    }

    /** A request the card processor's stub received. */
    public record ProcessorRequest(String path, String authorization, String idempotencyKey, String body) {
    }

    protected static final String WEBHOOK_SECRET = "whsec_test_secret";
    protected static final List<ProcessorRequest> PROCESSOR_REQUESTS = new CopyOnWriteArrayList<>();
    /** A local stand-in for Stripe's API: one PaymentIntent per idempotency key, as Stripe answers a retry. */
    protected static final HttpServer PROCESSOR = processorStub();

    protected static HttpServer processorStub() {
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
    protected static void cardProcessor(DynamicPropertyRegistry registry) {
        registry.add("iecmh.card.stripe.base-url", () -> "http://localhost:" + PROCESSOR.getAddress().getPort());
        registry.add("iecmh.card.stripe.api-key", () -> "sk_test_123");
        registry.add("iecmh.card.stripe.webhook-secret", () -> WEBHOOK_SECRET);
        registry.add("spring.mail.host", () -> RealInfrastructure.smtp().host());
        registry.add("spring.mail.port", () -> RealInfrastructure.smtp().port());
        registry.add("iecmh.mail.deliver-every", () -> "PT0.2S");
        registry.add("iecmh.mail.link-base", () -> "https://gateway.test");
    }

    @LocalServerPort
    protected int port;
    @Value("${iecmh.kafka.prefix}")
    protected String kafkaPrefix;
    @Autowired
    protected IntegrationEventPublisher publisher;
    @Autowired
    protected JdbcTemplate jdbc;
    @Autowired
    protected MutableClock clock;

    @Autowired
    protected Environment environment;

    /**
     * The seed's associations, and two only these stories know, so that they count their own invoices: {@code tx},
     * whose prices and refund rules change on 2027-01-01, and {@code ty}, whose accounts are read.
     */
    @BeforeEach
    protected void associationsAreKnown() {
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

    protected static Map<Integer, Long> levels(long one, long two, long three, long four) {
        return Map.of(1, one, 2, two, 3, three, 4, four);
    }

    protected ApiClient coordinator(String tenant) {
        return ApiClient.onPort(port).as(tenant, "coordinator-" + tenant, "COORDINATOR");
    }

    protected static List<Response> atOnce(Supplier<Response> request) {
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

    protected String membershipDues(ApiClient coordinator, String person) {
        Response issued = coordinator.post("/api/payments/invoices", Map.of("personId", person,
                        "lines", List.of(Map.of("fee", "MEMBERSHIP_DUES", "description", "Membership",
                                "amountCents", 5_000))),
                Map.of("Idempotency-Key", UUID.randomUUID().toString()));
        assertThat(issued.status()).as(issued.text()).isEqualTo(201);
        return issued.at("/invoiceId");
    }

    protected Response webhook(String body, String signature) {
        return ApiClient.onPort(port).post("/api/payments/card-webhooks", body,
                signature == null ? Map.of() : Map.of("Stripe-Signature", signature));
    }

    /** Signs as Stripe documents it, independently of the service's own code. */
    protected static String signed(String body, long epochSecond, String secret) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return "t=" + epochSecond + ",v1=" + HexFormat.of().formatHex(
                    mac.doFinal((epochSecond + "." + body).getBytes(StandardCharsets.UTF_8)));
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    protected String issue(String tenant, String person, long cents) {
        return Given.issuedInvoice(coordinator(tenant), person).of(cents).issue();
    }

    protected void pay(ApiClient coordinator, String invoiceId, long cents) {
        Response paid = coordinator.post("/api/payments/invoices/" + invoiceId + "/payments",
                Map.of("amountCents", cents, "currency", "USD", "method", "CHECK"),
                Map.of("Idempotency-Key", "pay-" + invoiceId));
        assertThat(paid.status()).as(paid.text()).isEqualTo(200);
    }

    protected List<String> totals(Response accounts) {
        List<String> lines = new ArrayList<>();
        accounts.body().get("totals").forEach(total -> lines.add(total.get("standing").asText() + " "
                + total.get("invoices").asText() + " " + total.get("total").get("cents").asText()
                + " outstanding " + total.get("outstanding").get("cents").asText()));
        return lines;
    }

    protected List<Long> paidOn(List<String> invoiceIds) {
        Map<String, Long> paid = new LinkedHashMap<>();
        invoiceIds.forEach(id -> paid.put(id, jdbc.queryForObject(
                "SELECT paid_cents FROM invoice_view WHERE invoice_id = ?", Long.class, id)));
        return List.copyOf(paid.values());
    }

    protected List<String> eventsOf(String aggregateId) {
        return jdbc.queryForList("SELECT payload_type FROM domain_event_entry WHERE aggregate_identifier = ? "
                        + "ORDER BY sequence_number", String.class, aggregateId).stream()
                .map(type -> type.substring(type.lastIndexOf('.') + 1)).toList();
    }

    protected ConsumerRecord<byte[], byte[]> awaitPublished(String type, String mentioning) {
        Predicate<ConsumerRecord<byte[], byte[]>> match = r -> type.equals(KafkaTopics.header(r, "ce_type"))
                && new String(r.value()).contains(mentioning);
        return KafkaTopics.awaitFirst(kafkaPrefix + Topics.PAYMENTS, match);
    }

    protected Response awaitInvoices(String applicationId, ApiClient client) {
        String path = "/api/payments/invoices?applicationId=" + applicationId;
        await().atMost(Duration.ofSeconds(30)).until(() -> client.get(path).body().size() > 0);
        return client.get(path);
    }

    protected static EventMessage<ApplicationSubmitted> submitted(String tenant, String applicationId, String person,
                                                                  String category) {
        ApplicationSubmitted event = Given.submittedApplication(tenant, person).id(applicationId).in(category)
                .submittedAt(NOW).event();
        return new GenericEventMessage<>(event, Map.of(AuditMetadata.TENANT, tenant));
    }
}
