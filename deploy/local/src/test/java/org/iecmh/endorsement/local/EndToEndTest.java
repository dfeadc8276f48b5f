package org.iecmh.endorsement.local;

import com.fasterxml.jackson.databind.JsonNode;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.iecmh.endorsement.contracts.EndorsementGranted;
import org.iecmh.endorsement.contracts.InvoicePaid;
import org.iecmh.endorsement.contracts.Topics;
import org.iecmh.endorsement.contracts.association.RenewalPolicy;
import org.iecmh.endorsement.testkit.ApiClient;
import org.iecmh.endorsement.testkit.ApiClient.Response;
import org.iecmh.endorsement.testkit.KafkaTopics;
import org.iecmh.endorsement.testkit.LocalIssuer;
import org.iecmh.endorsement.testkit.OidcSignIn;
import org.iecmh.endorsement.testkit.PostgresServer;
import org.iecmh.endorsement.testkit.RealInfrastructure;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;
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
 * server and one real Kafka broker: every hop is HTTP, Axon, PostgreSQL or Kafka. Then the security matrix, on the
 * same running platform, which the web application's browser tests use after it ({@link RunningPlatform}).
 */
@Order(1)
@ExtendWith(RunningPlatform.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class EndToEndTest {

    private static final String PREFIX = RunningPlatform.PREFIX;
    private static final Duration HOP = RunningPlatform.HOP;

    private static Platform platform;

    @BeforeAll
    static void useTheRunningPlatform() {
        platform = RunningPlatform.get().platform();
    }

    private static ApiClient signedIn(String user, String tenant) {
        return RunningPlatform.get().signedIn(user, tenant);
    }

    private static ApiClient signedIn(String user, String tenant, String base) {
        return RunningPlatform.get().signedIn(user, tenant, base);
    }

    @Test
    @Order(1)
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
        RunningPlatform.get().referencesByMail(applicant, applicationId, "Zoë Example",
                List.of("dana.rater@example.org", "lee.rater@example.org", "kim.rater@example.org"), true);
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
        LocalDate validThrough = new RenewalPolicy.Yearly(MonthDay.of(12, 31), MonthDay.of(10, 1)).validThrough(today);
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
                "endorsedSince", "validThrough", "addOns");
        assertThat(listed.get("addOns")).isEmpty();
        assertThat(listed.get("name").asText()).isEqualTo("Zoë Example");
        assertThat(listed.get("category").asText()).isEqualTo("IFA");
        assertThat(listed.get("state").asText()).isEqualTo("MA");
        assertThat(listed.get("endorsementNumber").asText()).isEqualTo(number);
        assertThat(listed.get("validThrough").asText()).isEqualTo(validThrough.toString());

        // A second delivery of the grant changes nothing in either service (renewal-service stored the endorsement
        // and the contact email the grant carries, where reminders go).
        String renewalEvents = "SELECT count(*) FROM domain_event_entry WHERE aggregate_identifier = ?";
        assertThat(database("renewal").queryForObject(renewalEvents, Integer.class, number)).isEqualTo(2);
        redeliver(Topics.APPLICATIONS, EndorsementGranted.TYPE, applicationId, "renewal-service", "registry-service");
        assertThat(gateway.get(search).body()).hasSize(1);
        assertThat(database("renewal").queryForObject(renewalEvents, Integer.class, number)).isEqualTo(2);
        assertThat(database("registry").queryForObject("SELECT count(*) FROM registry_entry WHERE tenant_id = 'ma'",
                Integer.class)).isEqualTo(1);

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
    @Order(4)
    void anAssociationsEndorseesImportedThroughTheGatewayAreEndorsementsEverywhereAndABadRowIsOnlyReported() {
        ApiClient admin = signedIn("admin-ma", "ma");
        ApiClient gateway = ApiClient.at(platform.gatewayUrl());
        String file = SecurityMatrix.ENDORSEE_FILE_HEADER
                + "MA-I-0001,Quinn Imported-Provider,quinn@example.org,IMHS,2015-06-01,2040-12-31,ACTIVE,yes,no\n"
                + "MA-I-0002,\"Rowan Imported, Lapsed\",rowan@example.org,IFA,2016-01-01,2020-12-31,LAPSED,no,no\n"
                + "MA-I-0003,Sky Unknown-Category,sky@example.org,XYZ,2016-01-01,2040-12-31,ACTIVE,no,no\n"
                + "MA-I-0004,Indra Imported,Imported-MA@example.org,IFS,2017-02-01,2040-12-31,ACTIVE,no,no\n";
        Map<String, String> csv = Map.of("Content-Type", "text/csv");

        Response dryRun = admin.post("/api/applications/endorsee-imports?dryRun=true", file, csv);
        assertThat(dryRun.status()).as(dryRun.text()).isEqualTo(200);
        assertThat(dryRun.at("/problems/0/line") + " " + dryRun.at("/problems/0/column") + " "
                + dryRun.at("/problems/0/rule")).isEqualTo("4 category unknown-category");
        Response started = admin.post("/api/applications/endorsee-imports", file, csv);
        assertThat(started.status()).as(started.text()).isEqualTo(202);
        String location = started.at("/location");
        await("the import").atMost(HOP).until(() -> "FINISHED".equals(admin.get(location).at("/status")));
        Response finished = admin.get(location);
        assertThat(finished.at("/imported") + " " + finished.at("/failed")).isEqualTo("3 1");

        await("the imported endorsement in the registry").atMost(HOP).until(() ->
                gateway.get("/api/registry/endorsees?name=quinn&state=MA").body().size() == 1);
        await("the lapsed one verifies").atMost(HOP).until(() ->
                "LAPSED".equals(gateway.get("/api/registry/endorsements/MA-I-0002").at("/status")));
        assertThat(gateway.get("/api/registry/endorsements/MA-I-0003").status()).isEqualTo(404);
        ApiClient coordinator = signedIn("coordinator-ma", "ma");
        await("the endorsement kept by renewal-service").atMost(HOP).until(() ->
                "ACTIVE".equals(coordinator.get("/api/endorsements/MA-I-0001").at("/status")));
        // The supervisor the association imported now counts for an endorsee's reflective supervision.
        Response session = signedIn("applicant-ma", "ma").post("/api/endorsements/MA-000001/reflective-supervision",
                Map.of("providerNumber", "MA-I-0001", "sessionOn", "2024-03-01", "hours", 1.5));
        assertThat(session.status()).as(session.text()).isEqualTo(200);

        // Signed in at the provider, whose token vouches for imported-ma@example.org, its endorsee claims it; the
        // address of another account does not.
        ApiClient imported = signedIn("imported-ma", "ma");
        await("the imported endorsement kept by renewal-service").atMost(HOP).until(() ->
                "MA-I-0004".equals(imported.get("/api/endorsements/mine").at("/claimable/0/endorsementNumber")));
        Response notTheirs = signedIn("applicant2-ma", "ma").post("/api/endorsements/MA-I-0004/claim", null);
        assertThat(notTheirs.status()).as(notTheirs.text()).isEqualTo(409);
        assertThat(notTheirs.at("/rule")).isEqualTo("not-your-endorsement");
        Response claimed = imported.post("/api/endorsements/MA-I-0004/claim", null);
        assertThat(claimed.status()).as(claimed.text()).isEqualTo(200);
        assertThat(claimed.at("/personId")).isEqualTo("imported-ma");
        assertThat(imported.get("/api/endorsements/mine").at("/endorsements/0/endorsementNumber"))
                .isEqualTo("MA-I-0004");
        Response training = imported.post("/api/endorsements/MA-I-0004/trainings",
                Map.of("title", "Reflective practice", "attendedOn", "2024-03-01", "hours", 3));
        assertThat(training.status()).as(training.text()).isEqualTo(200);
    }

    @Test
    @Order(2)
    void forgedTokensAreRefusedByTheGatewayAndByAServiceCalledDirectly() {
        String real = new OidcSignIn(RunningPlatform.get().issuer(), "cli", "http://127.0.0.1:8400/callback")
                .accessToken("coordinator-ma", "demo");
        Map<String, String> forged = Map.of(
                "payload changed after signing", alter(real),
                "alg none", unsigned(real),
                "signed by a key the issuer never published", LocalIssuer.instance().token("ma", "coordinator-ma",
                        "COORDINATOR", claims -> claims.issuer(RunningPlatform.get().issuer())),
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
    @Order(3)
    void everyEndpointAnswersEveryCallerWhatTheSecurityMatrixSays() {
        // Complete: what the services describe is what the matrix lists, no more and no less.
        TreeSet<String> described = new TreeSet<>();
        SecurityMatrix.services().forEach(service ->
                described.addAll(SecurityMatrix.described(service, ApiClient.at(platform.serviceUrl(service)))));
        assertThat(described).as("endpoints without an entry in SecurityMatrix, or entries of endpoints gone")
                .containsExactlyInAnyOrderElementsOf(SecurityMatrix.ENTRIES.stream()
                        .map(SecurityMatrix.Entry::key).toList());
        assertThat(SecurityMatrix.requestsWithoutAnEntry()).as("requests in SecurityMatrix for no entry").isEmpty();

        Map<String, String> ids = recordsOfWashington();
        String foreign = LocalIssuer.instance().token("wa", "coordinator-wa", "COORDINATOR");
        String massachusetts = RunningPlatform.get().accessToken("coordinator-ma");
        List<String> failures = new ArrayList<>();
        int calls = 0;
        for (SecurityMatrix.Entry entry : SecurityMatrix.ENTRIES) {
            for (String base : List.of(platform.gatewayUrl(), platform.serviceUrl(entry.service()))) {
                Map<String, String> asked = new LinkedHashMap<>();
                Map<String, Response> answers = new LinkedHashMap<>();
                boolean isPublic = entry.scope() == SecurityMatrix.Scope.PUBLIC;
                String anyone = isPublic ? entry.expected().get(SecurityMatrix.Caller.OWNER) : "401";
                asked.put("no token", anyone);
                answers.put("no token", SecurityMatrix.call(ApiClient.at(base), entry, ids));
                asked.put("a token of another issuer", "401");
                answers.put("a token of another issuer", SecurityMatrix.call(ApiClient.at(base).withToken(foreign)
                        .withHeaders(Map.of("X-Tenant-Id", "wa")), entry, ids));
                asked.put("an ma token acting in wa", isPublic ? anyone : "403");
                answers.put("an ma token acting in wa", SecurityMatrix.call(ApiClient.at(base)
                        .withToken(massachusetts).withHeaders(Map.of("X-Tenant-Id", "wa")), entry, ids));
                for (SecurityMatrix.Caller caller : SecurityMatrix.Caller.values()) {
                    if (isPublic && caller != SecurityMatrix.Caller.OWNER) {
                        continue; // the public registry answers everyone alike; the gateway counts its callers
                    }
                    String home = caller.user("wa");
                    asked.put(home, entry.expected().get(caller));
                    answers.put(home, SecurityMatrix.call(signedIn(home, "wa", base), entry, ids));
                    String other = caller.user("ma") + " in ma";
                    asked.put(other, entry.expectedOfTheOtherAssociation(caller));
                    answers.put(other, SecurityMatrix.call(signedIn(caller.user("ma"), "ma", base), entry, ids));
                }
                for (String caller : asked.keySet()) {
                    calls++;
                    Response answer = answers.get(caller);
                    if (!SecurityMatrix.matches(asked.get(caller), answer)) {
                        failures.add(entry.key() + " via " + base + " by " + caller + ": expected "
                                + asked.get(caller) + ", got " + answer.status() + " " + answer.text());
                    }
                }
            }
        }
        assertThat(failures).as(failures.size() + " of " + calls + " calls").isEmpty();
    }

    /**
     * Records for the matrix in Washington, whose applicant and endorsee no other test touches: an application
     * granted after review (with a portfolio entry), its paid invoice, the endorsement, revoked so that it changes
     * no more, an invoice issued by hand in both associations, and a registry rebuild that has finished.
     */
    private static Map<String, String> recordsOfWashington() {
        ApiClient applicant = signedIn("applicant-wa", "wa");
        ApiClient coordinator = signedIn("coordinator-wa", "wa");
        Response started = RunningPlatform.get().started(applicant, Map.of("applicantName", "Matrix Person",
                "category", "IFA", "contactEmail", "matrix@example.org", "stateOfResidence", "WA"));
        assertThat(started.status()).as(started.text()).isEqualTo(201);
        String applicationId = started.at("/applicationId");
        String application = "/api/applications/" + applicationId;
        Response education = applicant.post(application + "/portfolio/education", Map.of("degree", "ASSOCIATE",
                "field", "Early childhood", "institution", "Spokane Community College", "year", 2018));
        assertThat(education.status()).as(education.text()).isEqualTo(201);
        assertThat(applicant.post(application + "/portfolio/trainings", Map.of("title", "Reflective practice",
                "provider", "WA-AIMH", "attendedOn", "2022-03-01", "hours", 30,
                "domains", List.of("REFLECTION", "DIRECT_SERVICE_SKILLS"))).status()).isEqualTo(201);
        List<String> links = RunningPlatform.get().referencesByMail(applicant, applicationId, "Matrix Person",
                List.of("ana.matrix@example.org", "bo.matrix@example.org", "cy.matrix@example.org"), false);
        String referenceId = applicant.get(application + "/references").body().get(0).get("referenceId").asText();
        Response submitted = applicant.post(application + "/submission", null);
        assertThat(submitted.status()).as(submitted.text()).isEqualTo(200);

        String invoices = "/api/payments/invoices?applicationId=" + applicationId;
        await("the invoice").atMost(HOP).until(() -> applicant.get(invoices).body().size() == 1);
        String invoiceId = applicant.get(invoices).body().get(0).get("invoiceId").asText();
        // Washington's IFA fees: its $25 registration and the $25 processing that stands in for its own.
        Response paid = coordinator.post("/api/payments/invoices/" + invoiceId + "/payments", Map.of("amountCents",
                5_000, "currency", "USD", "method", "CHECK"), Map.of("Idempotency-Key", "matrix-check"));
        assertThat(paid.at("/status")).as(paid.text()).isEqualTo("PAID");
        await("the review").atMost(HOP).until(() -> "IN_REVIEW".equals(applicant.get(application).at("/status")));

        ApiClient admin = signedIn("admin-wa", "wa");
        assertThat(admin.post("/api/applications/prior-endorsements", Map.of("endorsementNumber", "WA-P-0001",
                "subject", "reviewer-wa", "name", "Ana Lima", "category", "IMHM-C",
                "endorsedSince", "2015-06-01")).status()).isEqualTo(201);
        assertThat(admin.post("/api/applications/prior-endorsements", Map.of("endorsementNumber", "WA-P-0002",
                "subject", "reviewer2-wa", "name", "Kim Lee", "category", "IMHS",
                "endorsedSince", "2018-02-01")).status()).isEqualTo(201);
        assertThat(coordinator.post(application + "/reviewers", Map.of("reviewers",
                List.of("reviewer-wa", "reviewer2-wa"))).status()).isEqualTo(200);
        signedIn("reviewer-wa", "wa").post(application + "/reviews", Map.of("decision", "APPROVE"));
        signedIn("reviewer2-wa", "wa").post(application + "/reviews", Map.of("decision", "APPROVE"));
        Response granted = coordinator.post(application + "/approval", null);
        assertThat(granted.at("/status")).as(granted.text()).isEqualTo("GRANTED");
        String number = granted.at("/endorsementNumber");

        await("the endorsement").atMost(HOP)
                .until(() -> coordinator.get("/api/endorsements/" + number).status() == 200);
        Response revoked = coordinator.post("/api/endorsements/" + number + "/revocation",
                Map.of("reason", "The security matrix needs an endorsement that changes no more"));
        assertThat(revoked.at("/status")).as(revoked.text()).isEqualTo("REVOKED");
        await("the revocation in the registry").atMost(HOP).until(() -> "REVOKED".equals(
                ApiClient.at(platform.gatewayUrl()).get("/api/registry/endorsements/" + number).at("/status")));

        for (String tenant : List.of("wa", "ma")) {
            Response issued = signedIn("coordinator-" + tenant, tenant).post("/api/payments/invoices",
                    Map.of("personId", "applicant-" + tenant, "lines", List.of(Map.of("description", "Matrix",
                            "amountCents", 100))), Map.of("Idempotency-Key", "matrix-invoice"));
            assertThat(issued.status()).as(issued.text()).isIn(200, 201);
        }

        ApiClient operator = signedIn("operator", "wa");
        Response rebuild = operator.post("/api/registry/admin/rebuilds", null);
        assertThat(rebuild.status()).as(rebuild.text()).isEqualTo(202);
        String rebuildId = rebuild.at("/id");
        await("the registry rebuild").atMost(HOP).until(() -> "DONE".equals(
                operator.get("/api/registry/admin/rebuilds/" + rebuildId).at("/state")));

        Map<String, String> ids = new LinkedHashMap<>(Map.of("applicationId", applicationId,
                "entryId", education.at("/entryId"), "endorsementNumber", number, "invoiceId", invoiceId,
                "tenantId", "wa", "id", rebuildId, "personId", "applicant-wa"));
        ids.put("referenceId", referenceId);
        Response endorseeImport = signedIn("admin-wa", "wa").post("/api/applications/endorsee-imports",
                SecurityMatrix.ENDORSEE_FILE_HEADER, Map.of("Content-Type", "text/csv"));
        assertThat(endorseeImport.status()).as(endorseeImport.text()).isEqualTo(202);
        ids.put("importId", endorseeImport.at("/importId"));
        // What a badge's ids name besides records: a category, the association's badge key, a status list.
        ids.put("category", "IFA");
        ids.put("keyId", ApiClient.at(platform.gatewayUrl()).get("/api/registry/issuers/wa/jwks").at("/keys/1/kid"));
        ids.put("purpose", "revocation");
        ids.put("token", links.get(0).substring("/api/references/".length()));
        ids.put("candidateCode", "C-NOSUCH22");
        ids.put("attachmentId", "no-such-attachment");
        // Per service: the kind and record the audit API answers for, and a read model rebuilt once.
        for (List<String> audited : List.of(
                List.of("application-service", "/api/applications", "applications", applicationId, "application-view"),
                List.of("renewal-service", "/api/endorsements", "endorsements", number, "endorsement-view"),
                List.of("payment-service", "/api/payments", "invoices", invoiceId, "invoice-view"),
                List.of("association-service", "/api/associations", "associations", "wa", "association-records"))) {
            String service = audited.get(0);
            ids.put(service + ".kind", audited.get(2));
            ids.put(service + ".aggregateId", audited.get(3));
            ids.put(service + ".readModel", audited.get(4));
            Response rebuilding = operator.post(audited.get(1) + "/read-models/" + audited.get(4) + "/rebuilds", null);
            assertThat(rebuilding.status()).as(rebuilding.text()).isEqualTo(202);
            String progress = audited.get(1) + "/read-models/rebuilds/" + rebuilding.at("/id");
            await("the rebuild of " + audited.get(4)).atMost(HOP)
                    .until(() -> "DONE".equals(operator.get(progress).at("/status")));
            ids.put(service + ".rebuildId", rebuilding.at("/id"));
        }
        // A consumer binding of each service, whose dead letters (none, here) the operator may replay.
        ids.put("application-service.binding", "endorsementEvents-in-0");
        ids.put("renewal-service.binding", "applicationEvents-in-0");
        ids.put("payment-service.binding", "endorsementEvents-in-0");
        ids.put("registry-service.binding", "endorsementEvents-in-0");
        ids.put("association-service.binding", "noBinding-in-0");
        ids.put("code", "wa");
        return ids;
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
        return new JdbcTemplate(new DriverManagerDataSource(postgres.jdbcUrl(RunningPlatform.get().database(name)),
                postgres.username(), postgres.password()));
    }
}
