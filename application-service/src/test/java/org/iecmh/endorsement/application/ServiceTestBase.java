package org.iecmh.endorsement.application;

import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.GenericEventMessage;
import org.iecmh.endorsement.contracts.InvoicePaid;
import org.iecmh.endorsement.contracts.MembershipActive;
import org.iecmh.endorsement.contracts.Money;
import org.iecmh.endorsement.kit.audit.AuditMetadata;
import org.iecmh.endorsement.kit.messaging.IntegrationEventPublisher;
import org.iecmh.endorsement.testkit.ApiClient.Response;
import org.iecmh.endorsement.testkit.ApiClient;
import org.iecmh.endorsement.testkit.MutableClock;
import org.iecmh.endorsement.testkit.PublishedAssociations;
import org.iecmh.endorsement.testkit.RealInfrastructure;
import org.iecmh.endorsement.testkit.RealInfrastructureProperties;
import org.iecmh.endorsement.testkit.SmtpServer;
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

import jakarta.mail.internet.MimeMessage;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * application-service on the real PostgreSQL server and Kafka broker, driven over HTTP and Kafka: the set-up and
 * the steps every feature's service test shares. One configuration, so Spring starts the service once for all of them.
 */
@SpringBootTest(classes = ApplicationServiceApplication.class,
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "spring.config.name=" + ApplicationServiceApplication.NAME)
@WithRealInfrastructure
@Import(ServiceTestBase.FixedClock.class)
public abstract class ServiceTestBase {

    protected static final Instant NOW = Instant.parse("2026-11-22T10:00:00Z");

    protected static final MutableClock CLOCK = new MutableClock(NOW);

    @TestConfiguration
    static class FixedClock {
        @Bean
        Clock clock() {
            return CLOCK;
        }
    }

    @DynamicPropertySource
    protected static void mailAndLinks(DynamicPropertyRegistry registry) {
        registry.add("spring.mail.host", () -> RealInfrastructure.smtp().host());
        registry.add("spring.mail.port", () -> RealInfrastructure.smtp().port());
        registry.add("iecmh.mail.deliver-every", () -> "PT0.2S");
        registry.add("iecmh.references.link-base", () -> LINK_BASE);
        // The file store on the JVM's real S3 server, in a bucket of this context's own.
        RealInfrastructureProperties.forFiles("application-service").forEach((name, value) -> registry.add(name,
                () -> value));
    }

    protected static final String LINK_BASE = "https://endorsement.example.org";
    protected static final Pattern LINK = Pattern.compile(Pattern.quote(LINK_BASE) + "/rate\\.html#([A-Za-z0-9_-]{43})");
    protected static final List<String> ITEMS = List.of("relationships", "development", "observation", "culture",
            "reflection", "supervision", "collaboration", "communication", "ethics");

    @LocalServerPort
    protected int port;
    @Value("${iecmh.kafka.prefix}")
    protected String kafkaPrefix;
    @Autowired
    protected IntegrationEventPublisher publisher;
    @Autowired
    protected JdbcTemplate jdbc;
    @Autowired
    protected EventProcessingConfiguration processing;

    protected ApiClient applicant;
    protected String applicantId;
    protected ApiClient coordinator;

    @Autowired
    protected Environment environment;

    @BeforeEach
    protected void itIsNow() {
        CLOCK.set(NOW);
        // Axon stamps events with one clock per JVM, set by the context started last: take it back for this story.
        GenericEventMessage.clock = CLOCK;
        associationsAreKnown();
    }

    /** The seed's associations, as association-service publishes them on an empty platform. */
    protected void associationsAreKnown() {
        PublishedAssociations.publishOnce(environment, PublishedAssociations.seed());
    }

    protected static boolean reviewersRecorded;
    protected ApiClient ana;
    protected ApiClient kim;
    protected ApiClient lee;
    protected ApiClient sam;

    /** Two reviewers whose endorsements the association recorded from before the platform. */
    @BeforeEach
    protected void reviewers() {
        ana = ApiClient.onPort(port).as("ma", "reviewer-ana", "REVIEWER");
        kim = ApiClient.onPort(port).as("ma", "reviewer-kim", "REVIEWER");
        lee = ApiClient.onPort(port).as("ma", "scorer-lee", "REVIEWER");
        sam = ApiClient.onPort(port).as("ma", "scorer-sam", "REVIEWER");
        associationsAreKnown();
        if (!reviewersRecorded) {
            ApiClient admin = ApiClient.onPort(port).as("ma", "admin-1", "TENANT_ADMIN");
            assertThat(admin.post("/api/applications/prior-endorsements", Map.of("endorsementNumber", "MA-P-0101",
                    "subject", "reviewer-ana", "name", "Ana Lima", "category", "IMHM-C", "endorsedSince",
                    "2015-06-01")).status()).isEqualTo(201);
            assertThat(admin.post("/api/applications/prior-endorsements", Map.of("endorsementNumber", "MA-P-0102",
                    "subject", "reviewer-kim", "name", "Kim Lee", "category", "IMHS", "endorsedSince",
                    "2018-02-01")).status()).isEqualTo(201);
            // Two more endorsees who score exams: scoring is blind, so not the portfolio's own reviewers.
            assertThat(admin.post("/api/applications/prior-endorsements", Map.of("endorsementNumber", "MA-P-0103",
                    "subject", "scorer-lee", "name", "Lee Park", "category", "IMHS", "endorsedSince",
                    "2016-03-01")).status()).isEqualTo(201);
            assertThat(admin.post("/api/applications/prior-endorsements", Map.of("endorsementNumber", "MA-P-0104",
                    "subject", "scorer-sam", "name", "Sam Ortiz", "category", "ECMHM-C", "endorsedSince",
                    "2014-09-01")).status()).isEqualTo(201);
            reviewersRecorded = true;
        }
    }

    /** A new applicant per story: one application in progress per person. */
    @BeforeEach
    protected void clients() {
        applicantId = "applicant-" + UUID.randomUUID();
        applicant = ApiClient.onPort(port).as("ma", applicantId, "APPLICANT");
        coordinator = ApiClient.onPort(port).as("ma", "coordinator-1", "COORDINATOR");
    }

    protected String status(String id, String referenceId) {
        return applicant.get("/api/applications/" + id + "/references/" + referenceId).at("/status");
    }

    protected static String sha256(String secret) throws Exception {
        return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
                .digest(secret.getBytes(java.nio.charset.StandardCharsets.US_ASCII)));
    }

    /** The same request twice at once, as a client that sends it again while its first is still on its way. */
    protected static List<Response> twoAtOnce(Callable<Response> request) throws Exception {
        ExecutorService both = Executors.newFixedThreadPool(2);
        try {
            java.util.concurrent.CountDownLatch ready = new java.util.concurrent.CountDownLatch(2);
            List<Future<Response>> sent = both.invokeAll(List.of(request, request).stream()
                    .<Callable<Response>>map(call -> () -> {
                        ready.countDown();
                        ready.await();
                        return call.call();
                    }).toList());
            List<Response> answers = new ArrayList<>();
            for (Future<Response> answer : sent) {
                answers.add(answer.get(30, TimeUnit.SECONDS));
            }
            return answers;
        } finally {
            both.shutdownNow();
        }
    }

    protected void membership(String tenant, String person, LocalDate from, LocalDate through) {
        MembershipActive active = new MembershipActive(tenant, person, "INV-M-" + UUID.randomUUID(), through, from);
        publisher.publish(active, new GenericEventMessage<>(active, Map.of(AuditMetadata.TENANT, tenant)));
    }

    protected String start(String name, String category) {
        Response started = applicant.post("/api/applications", Map.of("applicantName", name, "category", category,
                "contactEmail", applicantId + "@example.org", "stateOfResidence", "MA"));
        assertThat(started.status()).as(started.text()).isEqualTo(201);
        assertThat(started.at("/status")).isEqualTo("DRAFT");
        return started.at("/applicationId");
    }

    protected static List<MimeMessage> commentsTo(String address) {
        return RealInfrastructure.smtp().receivedFor(address).stream()
                .filter(each -> SmtpServer.subject(each).startsWith("A comment on")
                        || SmtpServer.subject(each).startsWith("Un comentario sobre"))
                .toList();
    }

    /** The coordinator assigns scorer-lee and scorer-sam; answers the candidate code they score under. */
    protected String assignScorers(String id) {
        Response assigned = coordinator.post("/api/applications/" + id + "/exam/scorers",
                Map.of("scorers", List.of("scorer-lee", "scorer-sam")));
        assertThat(assigned.status()).as(assigned.text()).isEqualTo(200);
        String code = assigned.at("/" + (assigned.body().size() - 1) + "/candidateCode");
        assertThat(code).matches("C-[A-Z2-9]{8}");
        return code;
    }

    protected void score(ApiClient scorer, String candidateCode, String part, int percent) {
        Response scored = scorer.post("/api/applications/exam-sittings/" + candidateCode + "/scores",
                Map.of("part", part, "percent", percent));
        assertThat(scored.status()).as(scored.text()).isEqualTo(200);
    }

    /** A specialist's application with a complete portfolio, paid and approved by both reviewers. */
    protected String specialistApprovedByReviewers() {
        String id = start("Exam Candidate", "IMHS");
        String portfolio = "/api/applications/" + id + "/portfolio";
        applicant.post(portfolio + "/education", Map.of("degree", "MASTER", "field", "Social work",
                "institution", "Boston University", "year", 2016));
        applicant.post(portfolio + "/work", Map.of("role", "Clinician", "employer", "Family Center",
                "startedOn", "2017-01-01", "hoursPerWeek", 40, "paid", true,
                "populations", List.of("INFANTS", "FAMILIES")));
        applicant.post(portfolio + "/trainings", Map.of("title", "Infant mental health series", "provider",
                "MassAIMH", "attendedOn", "2021-09-01", "hours", 30, "domains", List.of("THEORETICAL_FOUNDATIONS",
                        "LAW_REGULATION_AND_AGENCY_POLICY", "SYSTEMS_EXPERTISE", "DIRECT_SERVICE_SKILLS",
                        "WORKING_WITH_OTHERS", "COMMUNICATING", "THINKING", "REFLECTION")));
        for (String month : List.of("2025-03-10", "2025-07-10", "2025-11-10", "2026-03-10", "2026-07-10")) {
            applicant.post(portfolio + "/supervision", Map.of("heldOn", month, "hours", 10, "format", "INDIVIDUAL",
                    "providerEndorsementNumber", "MA-P-0102"));
        }
        completeReferences(id, "CURRENT_SUPERVISOR", "RSC_PROVIDER", "OTHER");
        Response requirements = applicant.get("/api/applications/" + id + "/requirements");
        assertThat(requirements.body().findValuesAsText("met")).as(requirements.text()).containsOnly("true");
        assertThat(applicant.post("/api/applications/" + id + "/submission", null).at("/status"))
                .isEqualTo("SUBMITTED");
        pay(id);
        approvedByReviewers(id);
        return id;
    }

    /** Rebuilds the application read model as the platform's operator and answers its progress once it ended. */
    protected Response rebuildApplicationView() {
        ApiClient operator = ApiClient.onPort(port).as("ma", "operator-1", "PLATFORM_ADMIN");
        Response started = operator.post("/api/applications/read-models/application-view/rebuilds", null);
        assertThat(started.status()).as(started.text()).isEqualTo(202);
        String progress = "/api/applications/read-models/rebuilds/" + started.at("/id");
        await().atMost(Duration.ofSeconds(60)).until(() -> !"RUNNING".equals(operator.get(progress).at("/status")));
        return operator.get(progress);
    }

    protected List<Map<String, Object>> readModelRows() {
        List<Map<String, Object>> rows = new ArrayList<>();
        rows.addAll(jdbc.queryForList("SELECT * FROM application_view ORDER BY application_id"));
        rows.addAll(jdbc.queryForList("SELECT * FROM endorsee ORDER BY endorsement_number"));
        rows.addAll(jdbc.queryForList("SELECT * FROM review ORDER BY application_id, reviewer"));
        rows.addAll(jdbc.queryForList("SELECT * FROM section_comment ORDER BY application_id, comment_id"));
        rows.addAll(jdbc.queryForList("SELECT * FROM exam_attempt ORDER BY application_id, attempt"));
        rows.addAll(jdbc.queryForList("SELECT * FROM exam_scorer ORDER BY application_id, attempt, scorer"));
        rows.addAll(jdbc.queryForList("SELECT application_id, entry_id, kind, entry::text, recorded_at "
                + "FROM portfolio_entry ORDER BY application_id, entry_id"));
        rows.addAll(jdbc.queryForList("SELECT * FROM supervision_provider ORDER BY endorsement_number"));
        rows.addAll(jdbc.queryForList("SELECT reference_id, application_id, tenant_id, rater_name, email, relationship, "
                + "waives_access, form_version, link_expires_at, named_at, replaced_by, rating::text, completed_at "
                + "FROM reference ORDER BY reference_id"));
        return rows;
    }

    protected static final Map<String, Object> DEGREE = Map.of("degree", "ASSOCIATE", "field", "Early childhood",
            "institution", "Bunker Hill Community College", "year", 2018);

    /** An Associate-level application (IFA or ECFA) with a portfolio that meets its requirements, submitted. */
    protected String startAndSubmit(String name, String category) {
        String id = start(name, category);
        submitAssociatePortfolio(id);
        return id;
    }

    /** Fills the application's portfolio as an Associate's requirements ask and submits it. */
    protected void submitAssociatePortfolio(String id) {
        assertThat(applicant.post("/api/applications/" + id + "/portfolio/education", DEGREE).status())
                .isEqualTo(201);
        assertThat(applicant.post("/api/applications/" + id + "/portfolio/trainings", Map.of(
                "title", "Reflective practice", "provider", "MassAIMH", "attendedOn", "2022-03-01", "hours", 30,
                "domains", List.of("REFLECTION"))).status()).isEqualTo(201);
        completeReferences(id, "OTHER", "OTHER", "OTHER");
        Response submitted = applicant.post("/api/applications/" + id + "/submission", null);
        assertThat(submitted.status()).as(submitted.text()).isEqualTo(200);
        assertThat(submitted.at("/status")).isEqualTo("SUBMITTED");
    }

    protected String inReview(String name, String category) {
        String id = startAndSubmit(name, category);
        pay(id);
        return id;
    }

    protected void pay(String id) {
        var paid = GenericEventMessage.asEventMessage(new InvoicePaid("ma", "INV-" + id, applicantId, id,
                Money.of(2_500, "USD"), NOW)).andMetaData(Map.of(AuditMetadata.TENANT, "ma"));
        publisher.publish((InvoicePaid) paid.getPayload(), paid);
        await().atMost(Duration.ofSeconds(30)).until(() -> "IN_REVIEW".equals(applicant.get(
                "/api/applications/" + id).at("/status")));
    }

    protected String approvedByReviewers(String id) {
        Response assigned = coordinator.post("/api/applications/" + id + "/reviewers", Map.of("reviewers",
                List.of("reviewer-ana", "reviewer-kim")));
        assertThat(assigned.status()).as(assigned.text()).isEqualTo(200);
        ana.post("/api/applications/" + id + "/reviews", Map.of("decision", "APPROVE"));
        Response approved = kim.post("/api/applications/" + id + "/reviews", Map.of("decision", "APPROVE"));
        assertThat(approved.at("/status")).as(approved.text()).isEqualTo("PORTFOLIO_APPROVED");
        return id;
    }

    /**
     * Names a rater of each relationship, reads each one's link from the mail they were sent and fills in the form
     * as the rater would, without an account: known for 30 months, every item rated 4.
     */
    protected void completeReferences(String id, String... relationships) {
        List<String> emails = new ArrayList<>();
        for (int i = 0; i < relationships.length; i++) {
            String email = "rater" + i + "-" + applicantId + "@example.org";
            Response named = nameRater(id, "Rater " + i, email, relationships[i], false);
            assertThat(named.status()).as(named.text()).isEqualTo(201);
            emails.add(email);
        }
        for (String email : emails) {
            Response rated = rate(linkMailedTo(email, 1), 30, answers("4"));
            assertThat(rated.status()).as(rated.text()).isEqualTo(200);
        }
    }

    protected Response nameRater(String id, String name, String email, String relationship, boolean waives) {
        return applicant.post("/api/applications/" + id + "/references", Map.of("name", name, "email", email,
                "relationship", relationship, "waivesAccess", waives));
    }

    /** The secret of the {@code nth} link mailed to the address, once that mail has arrived. */
    protected static String linkMailedTo(String email, int nth) {
        await().atMost(Duration.ofSeconds(30)).until(() -> RealInfrastructure.smtp().receivedFor(email).size() >= nth);
        MimeMessage mail = RealInfrastructure.smtp().receivedFor(email).get(nth - 1);
        Matcher link = LINK.matcher(SmtpServer.plainText(mail));
        assertThat(link.find()).as(SmtpServer.plainText(mail)).isTrue();
        return link.group(1);
    }

    protected Response rate(String secret, int knownForMonths, Map<String, Object> answers) {
        return ApiClient.onPort(port).post("/api/references/" + secret,
                Map.of("knownForMonths", knownForMonths, "answers", answers));
    }

    protected static Map<String, Object> answers(String each) {
        Map<String, Object> answers = new java.util.LinkedHashMap<>();
        ITEMS.forEach(item -> answers.put(item, each));
        return answers;
    }

    protected List<String> eventTypes(String aggregateId) {
        return jdbc.queryForList("SELECT payload_type FROM domain_event_entry WHERE aggregate_identifier = ? "
                + "ORDER BY sequence_number", String.class, aggregateId).stream()
                .map(type -> type.substring(type.lastIndexOf('.') + 1)).toList();
    }

}
