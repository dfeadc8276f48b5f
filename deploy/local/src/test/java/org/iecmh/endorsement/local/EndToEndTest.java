package org.iecmh.endorsement.local;

import com.fasterxml.jackson.databind.JsonNode;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.iecmh.endorsement.application.policy.RenewalPolicy;
import org.iecmh.endorsement.contracts.EndorsementGranted;
import org.iecmh.endorsement.contracts.InvoicePaid;
import org.iecmh.endorsement.contracts.Topics;
import org.iecmh.endorsement.testkit.ApiClient;
import org.iecmh.endorsement.testkit.ApiClient.Response;
import org.iecmh.endorsement.testkit.KafkaTopics;
import org.iecmh.endorsement.testkit.LocalIssuer;
import org.iecmh.endorsement.testkit.OidcSignIn;
import org.iecmh.endorsement.testkit.PostgresServer;
import org.iecmh.endorsement.testkit.RealInfrastructure;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

import jakarta.mail.MessagingException;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.MonthDay;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * One endorsement from application to registry, through the gateway and all four services, on one real PostgreSQL
 * server and one real Kafka broker: every hop is HTTP, Axon, PostgreSQL or Kafka.
 */
class EndToEndTest {

    private static final String PREFIX = "e2e.";
    private static final Duration HOP = Duration.ofSeconds(30);

    private static LocalJvm identity;
    private static String issuer;
    private static Platform platform;
    private static final Map<String, String> databases = new HashMap<>();
    private static final Map<String, String> tokens = new HashMap<>();

    @BeforeAll
    static void startThePlatform() {
        int identityPort = freePort();
        issuer = "http://localhost:" + identityPort;
        identity = LocalJvm.start("identity provider",
                Path.of("../../identity/target/identity-exec.jar").toAbsolutePath().normalize(), identityPort,
                List.of(), Path.of("target/e2e-logs/identity.log"), Duration.ofSeconds(120));
        PostgresServer postgres = RealInfrastructure.postgres();
        Platform.databases().forEach(name -> databases.put(name, postgres.createDatabase("e2e " + name)));
        Map<String, Integer> servicePorts = new LinkedHashMap<>();
        Platform.serviceNames().forEach(name -> servicePorts.put(name, freePort()));
        platform = Platform.start(
                new Platform.Infrastructure(name -> postgres.jdbcUrl(databases.get(name)), postgres.username(),
                        postgres.password(), RealInfrastructure.kafka().bootstrapServers(), PREFIX, issuer),
                new Platform.Ports(freePort(), servicePorts),
                Path.of("../../gateway/target/gateway-exec.jar").toAbsolutePath().normalize(),
                Path.of("target/e2e-logs"), List.of("--spring.mail.host=" + RealInfrastructure.smtp().host(),
                        "--spring.mail.port=" + RealInfrastructure.smtp().port()));
    }

    @AfterAll
    static void stopThePlatform() {
        if (platform != null) {
            platform.close();
        }
        if (identity != null) {
            identity.close();
        }
    }

    /** A demo user signed in at the local identity provider (authorization code with PKCE), acting in a tenant. */
    private static ApiClient signedIn(String user, String tenant) {
        String token = tokens.computeIfAbsent(user, name -> new OidcSignIn(issuer, "cli",
                "http://127.0.0.1:8400/callback").accessToken(name, "demo"));
        return ApiClient.at(platform.gatewayUrl()).withToken(token).withHeaders(Map.of("X-Tenant-Id", tenant));
    }

    @Test
    void anApplicationBecomesAnEndorsementInTheRegistryWithItsWholeHistory() {
        ApiClient gateway = ApiClient.at(platform.gatewayUrl());
        ApiClient applicant = signedIn("applicant-ma", "ma");
        ApiClient coordinator = signedIn("coordinator-ma", "ma");

        // 1. The applicant starts an application, builds a portfolio that meets the category's requirements and
        //    submits it (application-service).
        Response started = applicant.post("/api/applications", Map.of("applicantName", "Zoë Example",
                "category", "IFA", "contactEmail", "zoe@example.org", "stateOfResidence", "MA"));
        assertThat(started.status()).as(started.text()).isEqualTo(201);
        String applicationId = started.at("/applicationId");
        String portfolio = "/api/applications/" + applicationId + "/portfolio";
        assertThat(applicant.post(portfolio + "/education", Map.of("degree", "ASSOCIATE", "field", "Early childhood",
                "institution", "Bunker Hill Community College", "year", 2018)).status()).isEqualTo(201);
        assertThat(applicant.post(portfolio + "/trainings", Map.of("title", "Reflective practice",
                "provider", "MassAIMH", "attendedOn", "2022-03-01", "hours", 30,
                "domains", List.of("REFLECTION", "DIRECT_SERVICE_SKILLS"))).status()).isEqualTo(201);
        // Three raters, each mailed a one-time link; each opens the form through the gateway without an account.
        List<String> raters = List.of("dana.rater@example.org", "lee.rater@example.org", "kim.rater@example.org");
        for (String rater : raters) {
            assertThat(applicant.post("/api/applications/" + applicationId + "/references", Map.of("name",
                    "Rater " + rater.substring(0, 3), "email", rater, "relationship", "OTHER",
                    "waivesAccess", true)).status()).isEqualTo(201);
        }
        for (String rater : raters) {
            String link = linkMailedTo(rater);
            assertThat(link).startsWith(platform.gatewayUrl() + "/api/references/");
            String path = link.substring(platform.gatewayUrl().length());
            assertThat(gateway.get(path).at("/applicantName")).isEqualTo("Zoë Example");
            Map<String, Object> answers = new LinkedHashMap<>();
            gateway.get(path).body().get("items").findValuesAsText("id").forEach(item -> answers.put(item, "4"));
            Response rated = gateway.post(path, Map.of("knownForMonths", 36, "answers", answers));
            assertThat(rated.status()).as(rated.text()).isEqualTo(200);
            assertThat(gateway.post(path, Map.of("knownForMonths", 36, "answers", answers)).status()).isEqualTo(410);
        }
        assertThat(applicant.get("/api/applications/" + applicationId + "/requirements").body()
                .findValuesAsText("met")).containsOnly("true");
        Response submitted = applicant.post("/api/applications/" + applicationId + "/submission", null);
        assertThat(submitted.at("/status")).as(submitted.text()).isEqualTo("SUBMITTED");
        // Another association's coordinator finds nothing in their own tenant and may not act in this one; another
        // applicant of the same association does not see it either; an auditor reads but never writes.
        assertThat(signedIn("coordinator-wa", "wa").get("/api/applications/" + applicationId).status())
                .isEqualTo(404);
        assertThat(signedIn("coordinator-wa", "ma").get("/api/applications/" + applicationId).status())
                .isEqualTo(403);
        assertThat(signedIn("auditor-ma", "ma").post("/api/applications/" + applicationId + "/approval", null)
                .status()).isEqualTo(403);
        assertThat(gateway.get("/api/applications/" + applicationId).status()).isEqualTo(401);

        // 2. payment-service bills the association's fees for the category; a payment is recorded.
        String invoices = "/api/payments/invoices?applicationId=" + applicationId;
        await("the invoice").atMost(HOP).until(() -> applicant.get(invoices).body().size() == 1);
        JsonNode invoice = applicant.get(invoices).body().get(0);
        assertThat(invoice.at("/total/cents").asLong()).isEqualTo(1_500 + 2_500);
        assertThat(invoice.at("/total/currency").asText()).isEqualTo("USD");
        Response paid = coordinator.post("/api/payments/invoices/" + invoice.get("invoiceId").asText() + "/payments",
                Map.of("amountCents", 4_000, "currency", "USD", "method", "CHECK", "reference", "check 1001"),
                Map.of("Idempotency-Key", "check-1001"));
        assertThat(paid.at("/status")).as(paid.text()).isEqualTo("PAID");

        // 3. application-service hears of the payment and opens the review; a second delivery changes nothing.
        String application = "/api/applications/" + applicationId;
        await("the review").atMost(HOP).until(() -> "IN_REVIEW".equals(applicant.get(application).at("/status")));
        // Every demo user of ma (each role, and the platform operator) sees the application; every user of wa finds
        // nothing in wa and may not act in ma; without a token nobody gets past the gateway.
        for (String role : List.of("applicant", "coordinator", "reviewer", "reviewer2", "auditor", "admin")) {
            assertThat(signedIn(role + "-ma", "ma").get(application).status()).as(role + "-ma").isEqualTo(200);
            assertThat(signedIn(role + "-wa", "wa").get(application).status()).as(role + "-wa in wa").isEqualTo(404);
            assertThat(signedIn(role + "-wa", "ma").get(application).status()).as(role + "-wa in ma").isEqualTo(403);
        }
        assertThat(signedIn("operator", "ma").get(application).status()).isEqualTo(200);
        assertThat(gateway.get(application).status()).isEqualTo(401);
        redeliver(Topics.PAYMENTS, InvoicePaid.TYPE, applicationId, "application-service");
        assertThat(historyTypes(gateway, applicationId)).containsExactly("ApplicationStarted",
                "PortfolioEntryRecorded", "PortfolioEntryRecorded", "RaterNamed", "RaterNamed", "RaterNamed",
                "ReferenceSubmitted", "ReferenceSubmitted", "ReferenceSubmitted", "ApplicationSubmitted",
                "ReviewOpened");

        // The association's admin records two reviewers' earlier endorsements; a coordinator assigns them; both
        // approve the portfolio; the coordinator grants the endorsement.
        ApiClient admin = signedIn("admin-ma", "ma");
        assertThat(admin.post("/api/applications/prior-endorsements", Map.of("endorsementNumber", "MA-P-0001",
                "subject", "reviewer-ma", "name", "Ana Lima", "category", "IMHM-C",
                "endorsedSince", "2015-06-01")).status()).isEqualTo(201);
        assertThat(admin.post("/api/applications/prior-endorsements", Map.of("endorsementNumber", "MA-P-0002",
                "subject", "reviewer2-ma", "name", "Kim Lee", "category", "IMHS",
                "endorsedSince", "2018-02-01")).status()).isEqualTo(201);
        assertThat(coordinator.post(application + "/reviewers", Map.of("reviewers",
                List.of("reviewer-ma", "reviewer2-ma"))).status()).isEqualTo(200);
        signedIn("reviewer-ma", "ma").post(application + "/reviews", Map.of("decision", "APPROVE"));
        Response reviewed = signedIn("reviewer2-ma", "ma").post(application + "/reviews",
                Map.of("decision", "APPROVE"));
        assertThat(reviewed.at("/status")).as(reviewed.text()).isEqualTo("PORTFOLIO_APPROVED");
        Response granted = coordinator.post(application + "/approval", null);
        assertThat(granted.at("/status")).as(granted.text()).isEqualTo("GRANTED");
        String number = granted.at("/endorsementNumber");
        assertThat(number).isEqualTo("MA-000001");
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        LocalDate validThrough = new RenewalPolicy.Yearly(MonthDay.of(12, 31)).validThrough(today);
        assertThat(granted.at("/validThrough")).isEqualTo(validThrough.toString());

        // 4. renewal-service keeps the endorsement; registry-service lists it publicly, and nothing more.
        await("the endorsement").atMost(HOP)
                .until(() -> coordinator.get("/api/endorsements/" + number).status() == 200);
        assertThat(coordinator.get("/api/endorsements/" + number).at("/status")).isEqualTo("ACTIVE");
        String search = "/api/registry/endorsees?name=zoe&state=MA";
        await("the registry").atMost(HOP).until(() -> gateway.get(search).body().size() == 1);
        JsonNode listed = gateway.get(search).body().get(0);
        List<String> fields = new ArrayList<>();
        listed.fieldNames().forEachRemaining(fields::add);
        assertThat(fields).containsExactlyInAnyOrder("name", "category", "state", "endorsementNumber",
                "endorsedSince", "validThrough");
        assertThat(listed.get("name").asText()).isEqualTo("Zoë Example");
        assertThat(listed.get("category").asText()).isEqualTo("IFA");
        assertThat(listed.get("state").asText()).isEqualTo("MA");
        assertThat(listed.get("endorsementNumber").asText()).isEqualTo(number);
        assertThat(listed.get("validThrough").asText()).isEqualTo(validThrough.toString());

        // A second delivery of the grant changes nothing in either service.
        redeliver(Topics.APPLICATIONS, EndorsementGranted.TYPE, applicationId, "renewal-service", "registry-service");
        assertThat(gateway.get(search).body()).hasSize(1);
        assertThat(database("renewal").queryForObject(
                "SELECT count(*) FROM domain_event_entry WHERE aggregate_identifier = ?", Integer.class, number))
                .isEqualTo(1);
        assertThat(database("registry").queryForObject("SELECT count(*) FROM registry_entry", Integer.class))
                .isEqualTo(1);

        // 5. An auditor reads the application's history: every event in order, with who, when and why.
        Response history = signedIn("auditor-ma", "ma").get(application + "/history");
        assertThat(history.status()).isEqualTo(200);
        assertThat(field(history, "type")).containsExactly("ApplicationStarted",
                "PortfolioEntryRecorded", "PortfolioEntryRecorded", "RaterNamed", "RaterNamed", "RaterNamed",
                "ReferenceSubmitted", "ReferenceSubmitted", "ReferenceSubmitted", "ApplicationSubmitted", "ReviewOpened",
                "ReviewersAssigned", "ReviewRecorded", "ReviewRecorded", "PortfolioApproved", "EndorsementGranted");
        assertThat(field(history, "sequenceNumber")).containsExactly("0", "1", "2", "3", "4", "5", "6", "7", "8",
                "9", "10", "11", "12", "13", "14", "15");
        List<String> raterSubjects = new ArrayList<>();
        history.body().forEach(event -> {
            if (event.get("type").asText().equals("ReferenceSubmitted")) {
                raterSubjects.add("reference:" + event.get("payload").get("referenceId").asText());
            }
        });
        List<String> subjects = new ArrayList<>(List.of("applicant-ma", "applicant-ma", "applicant-ma",
                "applicant-ma", "applicant-ma", "applicant-ma"));
        subjects.addAll(raterSubjects);
        subjects.addAll(List.of("applicant-ma", "service:application-service", "coordinator-ma", "reviewer-ma",
                "reviewer2-ma", "reviewer2-ma", "coordinator-ma"));
        assertThat(field(history, "subject")).containsExactlyElementsOf(subjects);
        assertThat(field(history, "role")).containsExactly("APPLICANT", "APPLICANT", "APPLICANT", "APPLICANT",
                "APPLICANT", "APPLICANT", "REFERENCE_RATER", "REFERENCE_RATER", "REFERENCE_RATER", "APPLICANT",
                "SYSTEM", "COORDINATOR", "REVIEWER", "REVIEWER", "REVIEWER", "COORDINATOR");
        history.body().forEach(event -> {
            assertThat(event.get("tenantId").asText()).isEqualTo("ma");
            assertThat(event.get("time").asText()).isNotBlank();
            assertThat(event.get("correlationId").asText()).isNotBlank();
            assertThat(event.get("causationId").asText()).isNotBlank();
        });
        // The review was caused by payment-service's event: the causation crosses the service boundary.
        String invoicePaidId = KafkaTopics.header(published(Topics.PAYMENTS, InvoicePaid.TYPE, applicationId), "ce_id");
        assertThat(history.body().get(10).get("causationId").asText()).isEqualTo(invoicePaidId);
    }

    @Test
    void forgedTokensAreRefusedByTheGatewayAndByAServiceCalledDirectly() {
        String real = new OidcSignIn(issuer, "cli", "http://127.0.0.1:8400/callback")
                .accessToken("coordinator-ma", "demo");
        Map<String, String> forged = Map.of(
                "payload changed after signing", alter(real),
                "alg none", unsigned(real),
                "signed by a key the issuer never published", LocalIssuer.instance().token("ma", "coordinator-ma",
                        "COORDINATOR", claims -> claims.issuer(issuer)),
                "another issuer", LocalIssuer.instance().token("ma", "coordinator-ma", "COORDINATOR"));
        List<String> entries = List.of(platform.gatewayUrl(), platform.serviceUrl("application-service"));

        for (String entry : entries) {
            assertThat(ApiClient.at(entry).withToken(real).withHeaders(Map.of("X-Tenant-Id", "ma"))
                    .get("/api/applications?status=SUBMITTED").status()).as(entry).isEqualTo(200);
            forged.forEach((how, token) -> {
                Response refused = ApiClient.at(entry).withToken(token).withHeaders(Map.of("X-Tenant-Id", "ma"))
                        .get("/api/applications?status=SUBMITTED");
                assertThat(refused.status()).as(entry + ": " + how).isEqualTo(401);
                assertThat(refused.contentType()).as(entry + ": " + how).startsWith("application/problem+json");
            });
        }
    }

    @Test
    void everyEndpointOfEveryServiceIsListedAndRefusesCallersItMustRefuse() {
        // Complete: what the services describe is what the matrix lists, no more and no less.
        TreeSet<String> described = new TreeSet<>();
        SecurityMatrix.services().forEach(service ->
                described.addAll(SecurityMatrix.described(service, ApiClient.at(platform.serviceUrl(service)))));
        assertThat(described).as("endpoints without an entry in SecurityMatrix, or entries of endpoints gone")
                .containsExactlyInAnyOrderElementsOf(SecurityMatrix.ENDPOINTS.keySet());

        String maOnly = new OidcSignIn(issuer, "cli", "http://127.0.0.1:8400/callback")
                .accessToken("coordinator-ma", "demo");
        String waOnly = new OidcSignIn(issuer, "cli", "http://127.0.0.1:8400/callback")
                .accessToken("coordinator-wa", "demo");
        String foreign = LocalIssuer.instance().token("ma", "coordinator-ma", "COORDINATOR");
        List<String> failures = new ArrayList<>();
        SecurityMatrix.ENDPOINTS.forEach((endpoint, access) -> {
            String service = endpoint.substring(0, endpoint.indexOf(' '));
            for (String entry : List.of(platform.gatewayUrl(), platform.serviceUrl(service))) {
                boolean isPublic = access == SecurityMatrix.Access.PUBLIC;
                expect(failures, endpoint, entry, "no token", SecurityMatrix.call(ApiClient.at(entry), endpoint),
                        isPublic ? null : 401);
                expect(failures, endpoint, entry, "a token of another issuer", SecurityMatrix.call(
                        ApiClient.at(entry).withToken(foreign).withHeaders(Map.of("X-Tenant-Id", "ma")), endpoint),
                        401);
                expect(failures, endpoint, entry, "a wa token acting in ma", SecurityMatrix.call(
                        ApiClient.at(entry).withToken(waOnly).withHeaders(Map.of("X-Tenant-Id", "ma")), endpoint),
                        isPublic ? null : 403);
                if (!isPublic) {
                    // Signed in and in a granted tenant, the caller gets past security to the service's own rules.
                    expect(failures, endpoint, entry, "an ma token acting in ma", SecurityMatrix.call(
                            ApiClient.at(entry).withToken(maOnly).withHeaders(Map.of("X-Tenant-Id", "ma")), endpoint),
                            null);
                }
            }
        });
        assertThat(failures).isEmpty();
    }

    /**
     * Records a failure unless the answer has the expected status; with none expected, unless security let the
     * request through (not 401; not 403 either, except for a signed-in caller whom the service's role rules refuse).
     */
    private static void expect(List<String> failures, String endpoint, String entry, String caller,
                               Response answer, Integer expected) {
        boolean signedIn = caller.startsWith("an ma");
        boolean ok = expected == null
                ? answer.status() != 401 && (signedIn || answer.status() != 403)
                : answer.status() == expected;
        if (!ok) {
            failures.add(endpoint + " via " + entry + " with " + caller + ": " + answer.status() + " "
                    + answer.text());
        }
    }

    /** The token with its payload changed after signing: a coordinator in wa too. */
    private static String alter(String token) {
        String[] parts = token.split("\\.");
        String payload = new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8)
                .replace("\"tenants\":{", "\"tenants\":{\"wa\":[\"COORDINATOR\"],");
        return parts[0] + "." + base64(payload) + "." + parts[2];
    }

    /** The token's claims with {@code "alg": "none"} and no signature. */
    private static String unsigned(String token) {
        return base64("{\"alg\":\"none\",\"typ\":\"JWT\"}") + "." + token.split("\\.")[1] + ".";
    }

    private static String base64(String json) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }

    /** The link in the mail application-service sent the rater, once it arrived (through the test JVM's SMTP server). */
    private static String linkMailedTo(String rater) {
        await("the mail to " + rater).atMost(HOP).until(() -> !RealInfrastructure.smtp().receivedFor(rater).isEmpty());
        try {
            Matcher link = Pattern.compile("http://\\S+/api/references/[A-Za-z0-9_-]+")
                    .matcher(RealInfrastructure.smtp().receivedFor(rater).get(0).getContent().toString());
            assertThat(link.find()).isTrue();
            return link.group();
        } catch (IOException | MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Sends the published event again, as a broker might, and waits until each group has consumed it. */
    private static void redeliver(String topic, String type, String applicationId, String... groups) {
        ConsumerRecord<byte[], byte[]> original = published(topic, type, applicationId);
        RecordMetadata again = KafkaTopics.send(new ProducerRecord<>(original.topic(), null, original.key(),
                original.value(), original.headers()));
        for (String group : groups) {
            KafkaTopics.awaitConsumed(PREFIX + group, again);
        }
    }

    private static ConsumerRecord<byte[], byte[]> published(String topic, String type, String applicationId) {
        return KafkaTopics.awaitFirst(PREFIX + topic, r -> type.equals(KafkaTopics.header(r, "ce_type"))
                && new String(r.value()).contains(applicationId));
    }

    private static List<String> historyTypes(ApiClient gateway, String applicationId) {
        return field(signedIn("auditor-ma", "ma").get("/api/applications/" + applicationId + "/history"),
                "type");
    }

    /** One member of each event in a history, not of the payloads inside them. */
    private static List<String> field(Response history, String name) {
        List<String> values = new ArrayList<>();
        history.body().forEach(event -> values.add(event.get(name).asText()));
        return values;
    }

    private static JdbcTemplate database(String name) {
        PostgresServer postgres = RealInfrastructure.postgres();
        return new JdbcTemplate(new DriverManagerDataSource(postgres.jdbcUrl(databases.get(name)),
                postgres.username(), postgres.password()));
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
