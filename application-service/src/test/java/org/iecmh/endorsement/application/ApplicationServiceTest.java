package org.iecmh.endorsement.application;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.IntNode;
import org.springframework.core.env.Environment;
import org.iecmh.endorsement.testkit.PublishedAssociations;
import org.iecmh.endorsement.contracts.association.Association;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.assertj.core.api.InstanceOfAssertFactories;
import org.axonframework.eventhandling.TrackingEventProcessor;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.serialization.Serializer;
import org.iecmh.endorsement.application.lifecycle.Application;
import org.iecmh.endorsement.contracts.ApplicationSubmitted;
import org.iecmh.endorsement.contracts.EndorsementGranted;
import org.iecmh.endorsement.contracts.EndorsementClaimed;
import org.iecmh.endorsement.contracts.EndorsementImported;
import org.iecmh.endorsement.contracts.EndorsementInactivated;
import org.iecmh.endorsement.contracts.EndorsementLapsed;
import org.iecmh.endorsement.contracts.EndorsementReactivated;
import org.iecmh.endorsement.contracts.InvoicePaid;
import org.iecmh.endorsement.contracts.MembershipActive;
import org.iecmh.endorsement.contracts.Money;
import org.iecmh.endorsement.contracts.Topics;
import org.iecmh.endorsement.kit.audit.AuditMetadata;
import org.iecmh.endorsement.kit.mail.MailTemplates;
import org.iecmh.endorsement.kit.audit.ChainVerification;
import org.iecmh.endorsement.kit.audit.EventChain;
import org.iecmh.endorsement.kit.eventstore.AggregateReplay;
import org.iecmh.endorsement.kit.messaging.IntegrationEventPublisher;
import org.iecmh.endorsement.testkit.ApiClient;
import org.iecmh.endorsement.testkit.ApiClient.Response;
import org.iecmh.endorsement.testkit.KafkaTopics;
import org.iecmh.endorsement.testkit.MutableClock;
import org.iecmh.endorsement.testkit.RealInfrastructure;
import org.iecmh.endorsement.testkit.SmtpServer;
import org.iecmh.endorsement.testkit.WithRealInfrastructure;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
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

/** application-service on the real PostgreSQL server and Kafka broker, driven over HTTP and Kafka. */
@SpringBootTest(classes = ApplicationServiceApplication.class,
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "spring.config.name=" + ApplicationServiceApplication.NAME)
@WithRealInfrastructure
@Import(ApplicationServiceTest.FixedClock.class)
class ApplicationServiceTest {

    static final Instant NOW = Instant.parse("2026-11-22T10:00:00Z");

    static final MutableClock CLOCK = new MutableClock(NOW);

    @TestConfiguration
    static class FixedClock {
        @Bean
        Clock clock() {
            return CLOCK;
        }
    }

    @DynamicPropertySource
    static void mailAndLinks(DynamicPropertyRegistry registry) {
        registry.add("spring.mail.host", () -> RealInfrastructure.smtp().host());
        registry.add("spring.mail.port", () -> RealInfrastructure.smtp().port());
        registry.add("iecmh.mail.deliver-every", () -> "PT0.2S");
        registry.add("iecmh.references.link-base", () -> LINK_BASE);
    }

    static final String LINK_BASE = "https://endorsement.example.org";
    private static final Pattern LINK = Pattern.compile(Pattern.quote(LINK_BASE) + "/rate\\.html#([A-Za-z0-9_-]{43})");
    private static final List<String> ITEMS = List.of("relationships", "development", "observation", "culture",
            "reflection", "supervision", "collaboration", "communication", "ethics");

    @LocalServerPort
    int port;
    @Value("${iecmh.kafka.prefix}")
    String kafkaPrefix;
    @Autowired
    IntegrationEventPublisher publisher;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    EventProcessingConfiguration processing;

    ApiClient applicant;
    String applicantId;
    ApiClient coordinator;

    @Autowired
    Environment environment;

    @BeforeEach
    void itIsNow() {
        CLOCK.set(NOW);
        associationsAreKnown();
    }

    /** The seed's associations, as association-service publishes them on an empty platform. */
    private void associationsAreKnown() {
        PublishedAssociations.publishOnce(environment, PublishedAssociations.seed());
    }

    private static boolean reviewersRecorded;
    ApiClient ana;
    ApiClient kim;
    ApiClient lee;
    ApiClient sam;

    /** Two reviewers whose endorsements the association recorded from before the platform. */
    @BeforeEach
    void reviewers() {
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
    void clients() {
        applicantId = "applicant-" + UUID.randomUUID();
        applicant = ApiClient.onPort(port).as("ma", applicantId, "APPLICANT");
        coordinator = ApiClient.onPort(port).as("ma", "coordinator-1", "COORDINATOR");
    }

    @Test
    void anApplicantOfAnAssociationPublishedAtRuntimeAppliesInItsStateAndCategoriesAndTheHistoryNamesTheRequirements() {
        Association ma = PublishedAssociations.seeded("ma");
        PublishedAssociations.publish(environment, new Association("ny", "New York Association for Infant Mental Health",
                "NY", "America/New_York", ma.languages(), null, null, null, List.of(),
                List.of("IFA", "ECFA"),
                new Association.BadgeIssuer("New York Association for Infant Mental Health", null), ma.exam(),
                ma.references(), ma.membership(), ma.requirements(), ma.fees(), ma.renewal()));
        applicant = ApiClient.onPort(port).as("ny", applicantId, "APPLICANT");

        Response notOffered = applicant.post("/api/applications", Map.of("applicantName", "Nia York", "category",
                "IMHS", "contactEmail", applicantId + "@example.org", "stateOfResidence", "NY"));
        assertThat(notOffered.status()).as(notOffered.text()).isEqualTo(409);
        assertThat(notOffered.at("/rule")).isEqualTo("category-not-offered");
        assertThat(applicant.post("/api/applications", Map.of("applicantName", "Nia York", "category", "IFA",
                "contactEmail", applicantId + "@example.org", "stateOfResidence", "MA")).at("/rule"))
                .isEqualTo("applies-in-state-of-residence");
        Response started = applicant.post("/api/applications", Map.of("applicantName", "Nia York", "category", "IFA",
                "contactEmail", applicantId + "@example.org", "stateOfResidence", "NY"));
        assertThat(started.status()).as(started.text()).isEqualTo(201);
        String id = started.at("/applicationId");
        submitAssociatePortfolio(id);

        Response history = ApiClient.onPort(port).as("ny", "auditor-ny", "AUDITOR")
                .get("/api/applications/" + id + "/history");
        JsonNode judged = null;
        for (JsonNode event : history.body()) {
            if ("ApplicationSubmitted".equals(event.get("type").asText())) {
                judged = event.at("/payload/judgedBy");
            }
        }
        assertThat(judged).as(history.text()).isNotNull();
        assertThat(judged.get("requirementsEffectiveFrom").asText()).isEqualTo("2000-01-01");
        assertThat(judged.get("associationSequence").asLong()).isPositive();
    }

    @Test
    void anApplicantOfAnAssociationTheServiceHasNotReceivedIsToldItIsUnknownAndNothingIsStored() {
        int before = jdbc.queryForObject("SELECT count(*) FROM domain_event_entry", Integer.class);

        Response unknown = ApiClient.onPort(port).as("zz", applicantId, "APPLICANT").post("/api/applications",
                Map.of("applicantName", "Zed Zee", "category", "IFA", "contactEmail", applicantId + "@example.org",
                        "stateOfResidence", "MA"));

        assertThat(unknown.status()).as(unknown.text()).isEqualTo(404);
        assertThat(unknown.text()).contains("No association zz");
        assertThat(jdbc.queryForObject("SELECT count(*) FROM domain_event_entry", Integer.class)).isEqualTo(before);
    }

    @Test
    void theReadinessProbeAnswersUp() {
        Response readiness = ApiClient.onPort(port).get("/actuator/health/readiness");

        assertThat(readiness.status()).isEqualTo(200);
        assertThat(readiness.at("/status")).isEqualTo("UP");
    }

    @Test
    void aSubmittedApplicationIsPublishedForBilling() {
        String id = startAndSubmit("Zoë Example", "ECFA");

        ConsumerRecord<byte[], byte[]> record = KafkaTopics.awaitFirst(kafkaPrefix + Topics.APPLICATIONS,
                r -> ApplicationSubmitted.TYPE.equals(KafkaTopics.header(r, "ce_type"))
                        && new String(r.value()).contains(id));
        assertThat(KafkaTopics.key(record)).isEqualTo(applicantId);
        assertThat(KafkaTopics.header(record, "ce_tenantid")).isEqualTo("ma");
        assertThat(new String(record.value())).contains("\"category\":\"ECFA\"");
    }

    @Test
    void paidFeesSendTheApplicationToReviewOnceEvenWhenThePaymentArrivesTwice() {
        String id = startAndSubmit("Ana Lima", "IFA");
        var paid = GenericEventMessage.asEventMessage(new InvoicePaid("ma", "INV-" + id, applicantId, id,
                Money.of(12_000, "USD"), NOW)).andMetaData(Map.of(AuditMetadata.TENANT, "ma"));

        publisher.publish((InvoicePaid) paid.getPayload(), paid);
        publisher.publish((InvoicePaid) paid.getPayload(), paid);

        await().atMost(Duration.ofSeconds(30)).until(() -> "IN_REVIEW".equals(applicant.get(
                "/api/applications/" + id).at("/status")));
        // A marker event after the duplicate on the same key: once it is handled, so was the duplicate.
        clients();
        String marker = startAndSubmit("Marker Person", "IFA");
        var markerPaid = GenericEventMessage.asEventMessage(new InvoicePaid("ma", "INV-" + marker, applicantId,
                marker, Money.of(4_000, "USD"), NOW)).andMetaData(Map.of(AuditMetadata.TENANT, "ma"));
        publisher.publish((InvoicePaid) markerPaid.getPayload(), markerPaid);
        await().atMost(Duration.ofSeconds(30)).until(() -> "IN_REVIEW".equals(applicant.get(
                "/api/applications/" + marker).at("/status")));

        assertThat(eventTypes(id)).containsExactly("ApplicationStarted", "PortfolioEntryRecorded",
                "PortfolioEntryRecorded", "RaterNamed", "RaterNamed", "RaterNamed", "ReferenceSubmitted",
                "ReferenceSubmitted", "ReferenceSubmitted", "ApplicationSubmitted", "ReviewOpened");
        assertThat(jdbc.queryForObject("SELECT count(*) FROM inbox WHERE event_id = ?", Integer.class,
                paid.getIdentifier())).isEqualTo(1);
    }

    @Test
    void aCoordinatorApprovesAndTheEndorsementIsGrantedWithANumberAndTheTenantsValidThroughDate() {
        String id = approvedByReviewers(inReview("Kim Lee", "ECFA"));
        // The view says what the page may offer: ECFA has no exam, so an approved portfolio can be granted.
        Response before = coordinator.get("/api/applications/" + id);
        assertThat(before.at("/exam")).isEqualTo("false");
        assertThat(before.at("/decidable")).isEqualTo("true");

        Response approved = coordinator.post("/api/applications/" + id + "/approval", null);

        assertThat(approved.status()).as(approved.text()).isEqualTo(200);
        assertThat(approved.at("/status")).isEqualTo("GRANTED");
        assertThat(approved.at("/endorsementNumber")).matches("MA-\\d{6}");
        assertThat(approved.at("/validThrough")).isEqualTo("2027-12-31");
        ConsumerRecord<byte[], byte[]> granted = KafkaTopics.awaitFirst(kafkaPrefix + Topics.APPLICATIONS,
                r -> EndorsementGranted.TYPE.equals(KafkaTopics.header(r, "ce_type"))
                        && new String(r.value()).contains(id));
        assertThat(KafkaTopics.key(granted)).isEqualTo(approved.at("/endorsementNumber"));
    }

    @Test
    void onlyACoordinatorApprovesAndARefusedApprovalUsesNoNumber() {
        String first = approvedByReviewers(inReview("First Person", "IFA"));
        clients();
        String notReviewed = inReview("Unreviewed Person", "IFA");

        assertThat(applicant.post("/api/applications/" + first + "/approval", null).status()).isEqualTo(403);
        Response refused = coordinator.post("/api/applications/" + notReviewed + "/approval", null);
        assertThat(refused.status()).isEqualTo(409);
        assertThat(refused.at("/rule")).isEqualTo("approval-needs-reviewers");

        String number = coordinator.post("/api/applications/" + first + "/approval", null).at("/endorsementNumber");
        Long last = jdbc.queryForObject("SELECT last_number FROM endorsement_number_counter WHERE tenant_id = 'ma'",
                Long.class);
        assertThat(number).isEqualTo(String.format("MA-%06d", last));
    }

    @Test
    void anAuditorReadsTheWholeHistoryInOrderWithWhoWhenAndWhy() {
        String id = approvedByReviewers(inReview("Audit Subject", "ECFA"));
        coordinator.post("/api/applications/" + id + "/approval", null);

        Response history = ApiClient.onPort(port).as("ma", "auditor-1", "AUDITOR")
                .get("/api/applications/" + id + "/history");

        assertThat(history.status()).isEqualTo(200);
        List<String> types = history.body().findValuesAsText("type");
        assertThat(types).containsExactly("ApplicationStarted", "PortfolioEntryRecorded", "PortfolioEntryRecorded",
                "RaterNamed", "RaterNamed", "RaterNamed", "ReferenceSubmitted", "ReferenceSubmitted",
                "ReferenceSubmitted", "ApplicationSubmitted", "ReviewOpened", "ReviewersAssigned", "ReviewRecorded",
                "ReviewRecorded", "PortfolioApproved", "EndorsementGranted");
        assertThat(history.body().get(0).get("subject").asText()).isEqualTo(applicantId);
        assertThat(history.body().get(0).get("role").asText()).isEqualTo("APPLICANT");
        String rater = history.body().get(6).get("payload").get("referenceId").asText();
        assertThat(history.body().get(6).get("subject").asText()).isEqualTo("reference:" + rater);
        assertThat(history.body().get(6).get("role").asText()).isEqualTo("REFERENCE_RATER");
        assertThat(history.body().get(10).get("subject").asText()).isEqualTo("service:application-service");
        assertThat(history.body().get(12).get("subject").asText()).isEqualTo("reviewer-ana");
        assertThat(history.body().get(12).get("role").asText()).isEqualTo("REVIEWER");
        assertThat(history.body().get(15).get("subject").asText()).isEqualTo("coordinator-1");
        assertThat(history.body().get(15).get("role").asText()).isEqualTo("COORDINATOR");
        assertThat(history.body().get(1).get("payload").get("entry").get("kind").asText()).isEqualTo("education");
        history.body().forEach(event -> {
            assertThat(event.get("tenantId").asText()).isEqualTo("ma");
            assertThat(event.get("time").asText()).isEqualTo(NOW.toString());
            assertThat(event.get("correlationId").asText()).isNotBlank();
            assertThat(event.get("causationId").asText()).isNotBlank();
        });
        assertThat(history.body().get(15).get("payload").get("validThrough").asText()).isEqualTo("2027-12-31");
        assertThat(history.body().get(15).get("payload").get("email").asText()).isEqualTo(applicantId + "@example.org");
    }

    @Test
    void anotherAssociationSeesNoTraceOfTheApplication() {
        String id = start("Private Person", "IMHS");
        ApiClient washington = ApiClient.onPort(port).as("wa", "coordinator-wa", "COORDINATOR");

        assertThat(washington.get("/api/applications/" + id).status()).isEqualTo(404);
        assertThat(washington.post("/api/applications/" + id + "/approval", null).status()).isEqualTo(404);
        assertThat(ApiClient.onPort(port).as("wa", "auditor-wa", "AUDITOR")
                .get("/api/applications/" + id + "/history").status()).isEqualTo(404);
        assertThat(ApiClient.onPort(port).as("ma", "someone-else", "APPLICANT")
                .get("/api/applications/" + id).status()).isEqualTo(404);
        assertThat(ApiClient.onPort(port).as("wa", applicantId, "APPLICANT")
                .post("/api/applications/" + id + "/portfolio/education", DEGREE).status()).isEqualTo(404);
        assertThat(coordinator.post("/api/applications/" + id + "/portfolio/education", DEGREE).status())
                .isEqualTo(403);
    }

    @Test
    void theRequirementsSayWhatIsMissingAndSubmissionIsRefusedWithTheSameList() {
        String id = start("Gap Person", "IFA");
        applicant.post("/api/applications/" + id + "/portfolio/trainings", Map.of("title", "Observation",
                "provider", "MassAIMH", "attendedOn", "2024-05-01", "hours", 18.5,
                "domains", List.of("THINKING", "COMMUNICATING")));

        Response requirements = applicant.get("/api/applications/" + id + "/requirements");
        Response refused = applicant.post("/api/applications/" + id + "/submission", null);

        assertThat(requirements.status()).isEqualTo(200);
        assertThat(requirements.body().findValuesAsText("requirement"))
                .containsExactly("education", "training", "references");
        assertThat(requirements.at("/1/met")).isEqualTo("false");
        assertThat(requirements.at("/1/detail")).isEqualTo("18.5 of 30 training hours; no hours in Reflection");
        assertThat(refused.status()).isEqualTo(409);
        assertThat(refused.at("/rule")).isEqualTo("requirements-unmet");
        assertThat(refused.body().get("unmet").findValuesAsText("detail"))
                .containsExactly(requirements.at("/0/detail"), requirements.at("/1/detail"),
                        requirements.at("/2/detail"));
        assertThat(requirements.at("/2/detail")).isEqualTo("0 of 3 references count; name 3 more raters");
        assertThat(eventTypes(id)).containsExactly("ApplicationStarted", "PortfolioEntryRecorded");
    }

    @Test
    void supervisionFromAProviderWhoIsNotEndorsedDoesNotCount() {
        String id = start("Supervised Person", "IFS");
        applicant.post("/api/applications/" + id + "/portfolio/supervision", Map.of("heldOn", "2026-06-01",
                "hours", 10, "format", "INDIVIDUAL", "providerEndorsementNumber", "MA-999999"));

        Response requirements = applicant.get("/api/applications/" + id + "/requirements");

        assertThat(requirements.body().findValuesAsText("detail")).contains("0 of 24 hours of reflective supervision "
                + "in the last 24 months from endorsed providers; 10 hours from providers not endorsed on the "
                + "session date do not count");
    }

    @Test
    void supervisionCountsOnlyWhileTheProvidersEndorsementStood() {
        ApiClient admin = ApiClient.onPort(port).as("ma", "admin-1", "TENANT_ADMIN");
        admin.post("/api/applications/prior-endorsements", Map.of("endorsementNumber", "MA-P-0177",
                "subject", "provider-lee", "name", "Lee Park", "category", "IMHS", "endorsedSince", "2019-01-01"));
        String id = start("Supervised Person", "IFS");
        for (String day : List.of("2026-03-01", "2026-06-01")) {
            applicant.post("/api/applications/" + id + "/portfolio/supervision", Map.of("heldOn", day, "hours", 10,
                    "format", "INDIVIDUAL", "providerEndorsementNumber", "MA-P-0177"));
        }
        String requirements = "/api/applications/" + id + "/requirements";
        assertThat(applicant.get(requirements).text()).contains("20 of 24 hours of reflective supervision");

        EndorsementLapsed lapsed = new EndorsementLapsed("ma", "MA-P-0177", Instant.parse("2026-05-01T00:00:00Z"));
        var lapse = new GenericEventMessage<>(lapsed, Map.of(AuditMetadata.TENANT, "ma"));
        publisher.publish(lapsed, lapse);
        publisher.publish(lapsed, lapse);
        await().atMost(Duration.ofSeconds(30)).until(() -> applicant.get(requirements).text()
                .contains("10 of 24 hours of reflective supervision"));
        assertThat(applicant.get(requirements).text())
                .contains("10 hours from providers not endorsed on the session date do not count");

        EndorsementReactivated back = new EndorsementReactivated("ma", "MA-P-0177",
                Instant.parse("2026-05-15T00:00:00Z"), LocalDate.of(2027, 12, 31));
        publisher.publish(back, new GenericEventMessage<>(back, Map.of(AuditMetadata.TENANT, "ma")));
        await().atMost(Duration.ofSeconds(30)).until(() -> applicant.get(requirements).text()
                .contains("20 of 24 hours of reflective supervision"));
    }

    @Test
    void ratersAnswerByAOneTimeMailedLinkAndOnlyRatingsThatCountLetTheApplicationBeSubmitted() throws Exception {
        String id = start("Referenced Person", "IFA");
        applicant.post("/api/applications/" + id + "/portfolio/education", DEGREE);
        applicant.post("/api/applications/" + id + "/portfolio/trainings", Map.of("title", "Reflective practice",
                "provider", "MassAIMH", "attendedOn", "2022-03-01", "hours", 30, "domains", List.of("REFLECTION")));
        String dana = "dana-" + applicantId + "@example.org";
        String lee = "lee-" + applicantId + "@example.org";
        String kim = "kim-" + applicantId + "@example.org";
        String danaId = nameRater(id, "Dana Supervisor", dana, "CURRENT_SUPERVISOR", true).at("/referenceId");
        String leeId = nameRater(id, "Lee Provider", lee, "RSC_PROVIDER", false).at("/referenceId");
        String kimId = nameRater(id, "Kim Colleague", kim, "OTHER", false).at("/referenceId");
        Response badRater = applicant.post("/api/applications/" + id + "/references", Map.of("name", "",
                "email", "nobody", "relationship", "FRIEND", "waivesAccess", true));
        assertThat(badRater.status()).isEqualTo(400);
        assertThat(coordinator.post("/api/applications/" + id + "/references", Map.of("name", "C", "email",
                "c@example.org", "relationship", "OTHER", "waivesAccess", true)).status()).isEqualTo(403);

        // Each rater is mailed a link; only its hash is stored, and the secret is in no event.
        String danaLink = linkMailedTo(dana, 1);
        String leeLink = linkMailedTo(lee, 1);
        String kimLink = linkMailedTo(kim, 1);
        MimeMessage mail = RealInfrastructure.smtp().receivedFor(dana).get(0);
        assertThat(mail.getSubject()).isEqualTo("A reference for Referenced Person: IECMH Endorsement, "
                + "Massachusetts Association for Infant Mental Health");
        assertThat(SmtpServer.plainText(mail)).contains("waived access to your rating");
        // The outbox kept the mail's body, and so the secret, only until it was sent.
        await().atMost(Duration.ofSeconds(30)).until(() -> jdbc.queryForObject("SELECT count(*) FROM mail_outbox "
                + "WHERE recipient = ? AND status = 'SENT' AND text_body IS NULL AND html_body IS NULL", Integer.class,
                dana) == 1);
        for (String secret : List.of(danaLink, leeLink, kimLink)) {
            assertThat(jdbc.queryForObject("SELECT count(*) FROM event_log WHERE payload::text LIKE ? "
                    + "OR meta_data::text LIKE ?", Integer.class, "%" + secret + "%", "%" + secret + "%")).isZero();
            assertThat(jdbc.queryForObject("SELECT count(*) FROM reference_link WHERE token_hash = ?", Integer.class,
                    sha256(secret))).isEqualTo(1);
        }
        assertThat(jdbc.queryForObject("SELECT count(*) FROM reference_link WHERE token_hash = ?", Integer.class,
                danaLink)).isZero();

        // A rater needs no account: the link alone shows who asks and the form, and takes the rating once.
        ApiClient anyone = ApiClient.onPort(port);
        Response form = anyone.get("/api/references/" + danaLink);
        assertThat(form.status()).as(form.text()).isEqualTo(200);
        assertThat(form.at("/applicantName")).isEqualTo("Referenced Person");
        assertThat(form.at("/raterName")).isEqualTo("Dana Supervisor");
        assertThat(form.body().get("items").findValuesAsText("id")).isEqualTo(ITEMS);
        assertThat(rate(danaLink, 30, answers("5")).status()).isEqualTo(200);
        Response again = rate(danaLink, 30, answers("5"));
        assertThat(again.status()).isEqualTo(410);
        assertThat(again.contentType()).startsWith("application/problem+json");
        assertThat(again.at("/rule")).isEqualTo("reference-link-used");
        assertThat(anyone.get("/api/references/" + danaLink).status()).isEqualTo(410);
        assertThat(anyone.get("/api/references/" + "x".repeat(43)).status()).isEqualTo(404);
        Map<String, Object> rated = jdbc.queryForMap("SELECT meta_data ->> 'subject' AS subject, meta_data ->> 'role' "
                + "AS role, meta_data ->> 'tenantId' AS tenant FROM event_log WHERE aggregate_identifier = ? "
                + "AND payload_type LIKE '%ReferenceSubmitted'", id);
        assertThat(rated).containsEntry("subject", "reference:" + danaId).containsEntry("role", "REFERENCE_RATER")
                .containsEntry("tenant", "ma");

        // Bad answers name the field and the rule, and record nothing.
        int events = eventTypes(id).size();
        Map<String, Object> unanswered = answers("4");
        unanswered.remove("ethics");
        Response missing = rate(leeLink, 30, unanswered);
        Map<String, Object> outOfScale = answers("4");
        outOfScale.put("culture", "7");
        Response badValue = rate(leeLink, 30, outOfScale);
        Response negative = rate(leeLink, -1, answers("4"));
        assertThat(missing.status()).isEqualTo(400);
        assertThat(missing.at("/errors/0/field")).isEqualTo("answers.ethics");
        assertThat(missing.at("/errors/0/rule")).isEqualTo("required");
        assertThat(badValue.at("/errors/0/field")).isEqualTo("answers.culture");
        assertThat(badValue.at("/errors/0/rule")).isEqualTo("rating");
        assertThat(negative.at("/errors/0/field")).isEqualTo("knownForMonths");
        assertThat(negative.at("/errors/0/rule")).isEqualTo("Min");
        assertThat(eventTypes(id)).hasSize(events);

        // A rater who has known the applicant six months does not count: the applicant is told to replace them.
        assertThat(rate(leeLink, 6, answers("4")).status()).isEqualTo(200);
        String requirements = "/api/applications/" + id + "/requirements";
        assertThat(applicant.get(requirements).at("/2/detail")).isEqualTo("1 of 3 references count; the rating "
                + "from Lee Provider does not count: known less than a year; name a replacement; 1 rating has not "
                + "arrived yet");
        Response refused = applicant.post("/api/applications/" + id + "/submission", null);
        assertThat(refused.status()).isEqualTo(409);
        assertThat(refused.at("/rule")).isEqualTo("requirements-unmet");

        // A link expires; the applicant has it sent again, and the earlier link stops working.
        CLOCK.set(NOW.plus(Duration.ofDays(31)));
        Response expired = anyone.get("/api/references/" + kimLink);
        assertThat(expired.status()).isEqualTo(410);
        assertThat(expired.at("/rule")).isEqualTo("reference-link-expired");
        assertThat(rate(kimLink, 30, answers("4")).at("/rule")).isEqualTo("reference-link-expired");
        assertThat(status(id, kimId)).isEqualTo("LINK_EXPIRED");
        assertThat(applicant.post("/api/applications/" + id + "/references/" + kimId + "/link", null).at("/status"))
                .isEqualTo("INVITED");
        String kimAgain = linkMailedTo(kim, 2);
        assertThat(anyone.get("/api/references/" + kimLink).at("/rule")).isEqualTo("reference-link-replaced");
        assertThat(rate(kimAgain, 48, answers("4")).status()).isEqualTo(200);

        // Lee is replaced; the replacement's rating counts.
        String max = "max-" + applicantId + "@example.org";
        Response replacement = applicant.post("/api/applications/" + id + "/references/" + leeId + "/replacement",
                Map.of("name", "Max Mentor", "email", max, "relationship", "OTHER", "waivesAccess", false));
        assertThat(replacement.status()).as(replacement.text()).isEqualTo(201);
        assertThat(rate(linkMailedTo(max, 1), 24, answers("3")).status()).isEqualTo(200);

        // The applicant follows every rater but never reads a form they waived; staff read them all.
        Response mine = applicant.get("/api/applications/" + id + "/references");
        assertThat(mine.body().findValuesAsText("status"))
                .containsExactly("COMPLETED", "REPLACED", "COMPLETED", "COMPLETED");
        assertThat(mine.body().get(0).get("rating").isNull()).isTrue();
        assertThat(mine.body().get(2).get("rating").get("knownForMonths").asInt()).isEqualTo(48);
        Response waived = applicant.get("/api/applications/" + id + "/references/" + danaId);
        assertThat(waived.status()).isEqualTo(403);
        assertThat(waived.text()).doesNotContain("\"5\"");
        Response byCoordinator = coordinator.get("/api/applications/" + id + "/references/" + danaId);
        assertThat(byCoordinator.status()).isEqualTo(200);
        assertThat(byCoordinator.at("/rating/knownForMonths")).isEqualTo("30");
        assertThat(byCoordinator.at("/rating/answers/ethics")).isEqualTo("5");
        assertThat(coordinator.get("/api/applications/" + id + "/references").at("/0/rating/answers/ethics"))
                .isEqualTo("5");
        // Staff read each item's text in the language they asked for, in the order the form asks them.
        assertThat(byCoordinator.body().get("items").findValuesAsText("id")).isEqualTo(ITEMS);
        assertThat(byCoordinator.at("/items/8/text"))
                .isEqualTo("Follows law, regulation, agency policy and a code of ethics");
        assertThat(coordinator.withHeaders(Map.of("Accept-Language", "es-MX,es;q=0.9"))
                .get("/api/applications/" + id + "/references/" + danaId).at("/items/8/text"))
                .isEqualTo("Respeta la ley, la regulación, las políticas de la agencia y un código de ética");
        assertThat(mine.body().get(0).get("items").isNull()).isTrue();
        assertThat(ApiClient.onPort(port).as("wa", "coordinator-wa", "COORDINATOR")
                .get("/api/applications/" + id + "/references").status()).isEqualTo(404);

        Response requirementsMet = applicant.get(requirements);
        assertThat(requirementsMet.at("/2/met")).as(requirementsMet.text()).isEqualTo("true");
        assertThat(requirementsMet.at("/2/detail")).isEqualTo("3 of 3 references count");
        assertThat(applicant.post("/api/applications/" + id + "/submission", null).at("/status"))
                .isEqualTo("SUBMITTED");
    }

    private String status(String id, String referenceId) {
        return applicant.get("/api/applications/" + id + "/references/" + referenceId).at("/status");
    }

    private static String sha256(String secret) throws Exception {
        return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
                .digest(secret.getBytes(java.nio.charset.StandardCharsets.US_ASCII)));
    }

    @Test
    void anApplicantHasOneCategoryInProgressAtATime() {
        start("Busy Person", "IFA");

        Response second = applicant.post("/api/applications", Map.of("applicantName", "Busy Person",
                "category", "IFS", "contactEmail", "busy@example.org", "stateOfResidence", "MA"));

        assertThat(second.status()).isEqualTo(409);
        assertThat(second.at("/rule")).isEqualTo("one-application-in-progress");
    }

    @Test
    void aStartSentAgainWithItsIdempotencyKeyEvenWhileTheFirstIsOnItsWayStartsOneApplication() throws Exception {
        Map<String, Object> request = Map.of("applicantName", "Retry Person", "category", "IFA",
                "contactEmail", applicantId + "@example.org", "stateOfResidence", "MA");
        Map<String, String> key = Map.of("Idempotency-Key", "start-1");

        List<Response> answers = new ArrayList<>(twoAtOnce(() -> applicant.post("/api/applications", request, key)));
        answers.add(applicant.post("/api/applications", request, key));

        assertThat(answers).allSatisfy(answer -> assertThat(answer.status()).as(answer.text()).isIn(200, 201));
        assertThat(answers.stream().filter(answer -> answer.status() == 201)).hasSize(1);
        assertThat(answers.stream().map(answer -> answer.at("/applicationId")).distinct()).hasSize(1);
        assertThat(applicant.get("/api/applications/mine").body()).hasSize(1);
        Response another = applicant.post("/api/applications", request, Map.of("Idempotency-Key", "start-2"));
        assertThat(another.at("/rule")).isEqualTo("one-application-in-progress");
    }

    @Test
    void anEntrySentAgainWithItsIdempotencyKeyEvenWhileTheFirstIsOnItsWayIsRecordedOnce() throws Exception {
        String id = start("Retry Portfolio", "IFA");
        String education = "/api/applications/" + id + "/portfolio/education";

        List<Response> answers = new ArrayList<>(twoAtOnce(() -> applicant.post(education, DEGREE,
                Map.of("Idempotency-Key", "degree-1"))));
        answers.add(applicant.post(education, DEGREE, Map.of("Idempotency-Key", "degree-1")));

        assertThat(answers).allSatisfy(answer -> assertThat(answer.status()).as(answer.text()).isEqualTo(201));
        assertThat(answers.stream().map(answer -> answer.at("/entryId")).distinct()).hasSize(1);
        assertThat(applicant.get("/api/applications/" + id + "/portfolio").body()).hasSize(1);
        assertThat(applicant.post(education, DEGREE, Map.of("Idempotency-Key", "degree-2")).status()).isEqualTo(201);
        assertThat(applicant.get("/api/applications/" + id + "/portfolio").body()).hasSize(2);
        assertThat(eventTypes(id)).containsExactly("ApplicationStarted", "PortfolioEntryRecorded",
                "PortfolioEntryRecorded");
    }

    /** The same request twice at once, as a client that sends it again while its first is still on its way. */
    private static List<Response> twoAtOnce(Callable<Response> request) throws Exception {
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

    @Test
    void portfolioEntriesAreCorrectedAndRemovedAndBadEntriesStoreNothing() {
        String id = start("Careful Person", "IFA");
        String entry = applicant.post("/api/applications/" + id + "/portfolio/education", DEGREE).at("/entryId");

        Response corrected = applicant.put("/api/applications/" + id + "/portfolio/education/" + entry,
                Map.of("degree", "BACHELOR", "field", "Psychology", "institution", "UMass", "year", 2019));
        Response bad = applicant.post("/api/applications/" + id + "/portfolio/trainings", Map.of("title", "",
                "provider", "X", "attendedOn", "2999-01-01", "hours", 0.25, "domains", List.of()));

        assertThat(corrected.status()).isEqualTo(200);
        assertThat(applicant.get("/api/applications/" + id + "/portfolio").at("/0/entry/degree"))
                .isEqualTo("BACHELOR");
        assertThat(bad.status()).isEqualTo(400);
        List<String> broken = new ArrayList<>();
        bad.body().get("errors").forEach(e -> broken.add(e.get("field").asText() + ":" + e.get("rule").asText()));
        assertThat(broken).containsExactlyInAnyOrder("title:NotBlank", "hours:DecimalMin", "hours:Digits",
                "domains:NotEmpty");
        assertThat(applicant.delete("/api/applications/" + id + "/portfolio/" + entry).status()).isEqualTo(204);
        assertThat(applicant.get("/api/applications/" + id + "/portfolio").body()).isEmpty();
        assertThat(eventTypes(id)).containsExactly("ApplicationStarted", "PortfolioEntryRecorded",
                "PortfolioEntryCorrected", "PortfolioEntryRemoved");
    }

    @Test
    void aWashingtonApplicantBecomesAMemberBeforeApplyingAndAMassachusettsOneNeedNot() {
        ApiClient washington = ApiClient.onPort(port).as("wa", applicantId, "APPLICANT");
        Map<String, String> request = Map.of("applicantName", "Wren Member", "category", "IFA",
                "contactEmail", "wren@example.org", "stateOfResidence", "WA");
        int before = jdbc.queryForObject("SELECT count(*) FROM domain_event_entry", Integer.class);
        // A membership of another association, or one that ended, does not count.
        membership("ma", applicantId, LocalDate.of(2026, 1, 1), LocalDate.of(2026, 12, 31));
        membership("wa", applicantId, LocalDate.of(2025, 1, 1), LocalDate.of(2025, 12, 31));

        Response refused = washington.post("/api/applications", request);

        assertThat(refused.status()).as(refused.text()).isEqualTo(409);
        assertThat(refused.contentType()).startsWith("application/problem+json");
        assertThat(refused.at("/rule")).isEqualTo("membership-required");
        assertThat(jdbc.queryForObject("SELECT count(*) FROM domain_event_entry", Integer.class)).isEqualTo(before);

        membership("wa", applicantId, LocalDate.of(2026, 11, 1), LocalDate.of(2027, 12, 31));
        await().atMost(Duration.ofSeconds(30)).until(() -> washington.post("/api/applications", request).status() == 201);
        assertThat(washington.get("/api/applications/mine").at("/0/status")).isEqualTo("DRAFT");
        assertThat(applicant.post("/api/applications", Map.of("applicantName", "Mass Nonmember", "category", "IFA",
                "contactEmail", "mass@example.org", "stateOfResidence", "MA")).status()).isEqualTo(201);
    }

    private void membership(String tenant, String person, LocalDate from, LocalDate through) {
        MembershipActive active = new MembershipActive(tenant, person, "INV-M-" + UUID.randomUUID(), through, from);
        publisher.publish(active, new GenericEventMessage<>(active, Map.of(AuditMetadata.TENANT, tenant)));
    }

    @Test
    void badInputIsAProblemNamingTheFieldAndLeavesNoEvent() {
        int before = jdbc.queryForObject("SELECT count(*) FROM domain_event_entry", Integer.class);

        Response blank = applicant.post("/api/applications", Map.of("applicantName", "", "category", "IMHS",
                "contactEmail", "a@example.org", "stateOfResidence", "MA"));
        Response unknown = applicant.post("/api/applications", Map.of("applicantName", "A B", "category", "XYZ",
                "contactEmail", "a@example.org", "stateOfResidence", "MA"));
        Response noAddress = applicant.post("/api/applications", Map.of("applicantName", "A B", "category", "IFA",
                "contactEmail", "not-an-address", "stateOfResidence", "Massachusetts"));
        Response elsewhere = applicant.post("/api/applications", Map.of("applicantName", "A B", "category", "IFA",
                "contactEmail", "a@example.org", "stateOfResidence", "WA"));

        assertThat(blank.status()).isEqualTo(400);
        assertThat(blank.contentType()).startsWith("application/problem+json");
        assertThat(blank.at("/errors/0/field")).isEqualTo("applicantName");
        assertThat(blank.at("/errors/0/rule")).isEqualTo("NotBlank");
        assertThat(unknown.status()).isEqualTo(409);
        assertThat(unknown.at("/rule")).isEqualTo("unknown-category");
        List<String> broken = new ArrayList<>();
        noAddress.body().get("errors").forEach(e -> broken.add(e.get("field").asText() + ":" + e.get("rule").asText()));
        assertThat(broken).containsExactlyInAnyOrder("contactEmail:Email", "stateOfResidence:Pattern");
        assertThat(elsewhere.status()).isEqualTo(409);
        assertThat(elsewhere.at("/rule")).isEqualTo("applies-in-state-of-residence");
        assertThat(jdbc.queryForObject("SELECT count(*) FROM domain_event_entry", Integer.class)).isEqualTo(before);
    }

    private String start(String name, String category) {
        Response started = applicant.post("/api/applications", Map.of("applicantName", name, "category", category,
                "contactEmail", applicantId + "@example.org", "stateOfResidence", "MA"));
        assertThat(started.status()).as(started.text()).isEqualTo(201);
        assertThat(started.at("/status")).isEqualTo("DRAFT");
        return started.at("/applicationId");
    }

    @Test
    void sixtyFourApplicantsAndSixteenEntriesOnOneApplicationAtOnceAreAllStoredSealed(@Autowired EventChain chain)
            throws Exception {
        String shared = start("Busy Portfolio", "IFA");
        List<Callable<Response>> calls = new ArrayList<>();
        for (int i = 0; i < 64; i++) {
            ApiClient someone = ApiClient.onPort(port).as("ma", "applicant-" + UUID.randomUUID(), "APPLICANT");
            String name = "Concurrent Applicant " + i;
            calls.add(() -> someone.post("/api/applications", Map.of("applicantName", name, "category", "IFA",
                    "contactEmail", "concurrent" + name.hashCode() + "@example.org", "stateOfResidence", "MA")));
        }
        for (int i = 0; i < 16; i++) {
            Map<String, Object> training = Map.of("title", "Training " + i, "provider", "MassAIMH",
                    "attendedOn", "2024-05-01", "hours", 2, "domains", List.of("THINKING"));
            calls.add(() -> applicant.post("/api/applications/" + shared + "/portfolio/trainings", training));
        }
        ExecutorService callers = Executors.newFixedThreadPool(calls.size());
        List<Integer> statuses = new ArrayList<>();
        try {
            for (Future<Response> answer : callers.invokeAll(calls, 60, TimeUnit.SECONDS)) {
                assertThat(answer.isCancelled()).as("a request timed out").isFalse();
                statuses.add(answer.get().status());
            }
        } finally {
            callers.shutdownNow();
        }

        assertThat(statuses.subList(0, 64)).containsOnly(201);
        assertThat(statuses.subList(64, 80)).contains(201).allMatch(status -> status == 201 || status == 409);
        long stored = jdbc.queryForObject("SELECT count(*) FROM portfolio_entry WHERE application_id = ?", Long.class,
                shared);
        assertThat(stored).isEqualTo(statuses.subList(64, 80).stream().filter(status -> status == 201).count());
        assertThat(jdbc.queryForObject("SELECT count(*) FROM domain_event_entry WHERE chain_hash IS NULL",
                Long.class)).isZero();
        ChainVerification verification = chain.verifyTenant("ma", "Application");
        assertThat(verification.intact()).as(String.valueOf(verification.firstBrokenLink())).isTrue();
    }

    @Test
    void aCoordinatorDeniesWithReasonsTheApplicantSeesAndMayThenApplyAgain() {
        String id = startAndSubmit("Denied Person", "IFA");

        Response notByApplicant = applicant.post("/api/applications/" + id + "/denial",
                Map.of("reasons", List.of("No reason")));
        Response withoutReasons = coordinator.post("/api/applications/" + id + "/denial", Map.of("reasons", List.of()));
        Response denied = coordinator.post("/api/applications/" + id + "/denial",
                Map.of("reasons", List.of("The degree could not be verified")));
        Response again = coordinator.post("/api/applications/" + id + "/denial", Map.of("reasons", List.of("Again")));

        assertThat(notByApplicant.status()).isEqualTo(403);
        assertThat(withoutReasons.status()).isEqualTo(400);
        assertThat(withoutReasons.at("/errors/0/field")).isEqualTo("reasons");
        assertThat(denied.at("/status")).isEqualTo("DENIED");
        assertThat(applicant.get("/api/applications/" + id).at("/reasons/0"))
                .isEqualTo("The degree could not be verified");
        assertThat(again.status()).isEqualTo(409);
        assertThat(again.at("/rule")).isEqualTo("application-decided");
        assertThat(start("Denied Person", "IFS")).isNotBlank();
        String mail = applicantId + "@example.org";
        await().atMost(Duration.ofSeconds(30)).until(() -> RealInfrastructure.smtp().receivedFor(mail).stream()
                .anyMatch(each -> SmtpServer.subject(each).startsWith("Your application was not granted")));
        assertThat(RealInfrastructure.smtp().receivedFor(mail).stream()
                .filter(each -> SmtpServer.subject(each).startsWith("Your application was not granted"))
                .map(SmtpServer::plainText).toList())
                .singleElement().asString().contains("- The degree could not be verified");
    }

    @Test
    void aRoleThatMayNotActIsRefusedBeforeItsInputIsReadAndStoresNothing() {
        String id = start("Guarded Person", "IFA");
        ApiClient auditor = ApiClient.onPort(port).as("ma", "auditor-1", "AUDITOR");
        int before = jdbc.queryForObject("SELECT count(*) FROM domain_event_entry", Integer.class);

        // Invalid bodies: a caller without the role hears 403, never which field is wrong.
        Response denial = auditor.post("/api/applications/" + id + "/denial", Map.of("reasons", List.of()));
        Response sitting = applicant.post("/api/applications/" + id + "/exam", Map.of());
        Response priorEndorsement = coordinator.post("/api/applications/prior-endorsements", Map.of());
        Response entry = coordinator.post("/api/applications/" + id + "/portfolio/education", Map.of());
        // Valid bodies: an auditor reads but never writes, staff never act for the applicant.
        Response started = auditor.post("/api/applications", Map.of("applicantName", "Audit Or", "category", "IFA"));
        Response submitted = coordinator.post("/api/applications/" + id + "/submission", null);
        Response withdrawn = coordinator.post("/api/applications/" + id + "/withdrawal", Map.of("reason", "x"));

        for (Response refused : List.of(denial, sitting, priorEndorsement, entry, started, submitted, withdrawn)) {
            assertThat(refused.status()).as(refused.text()).isEqualTo(403);
            assertThat(refused.contentType()).startsWith("application/problem+json");
        }
        assertThat(denial.at("/detail")).isEqualTo("Only a coordinator denies an application");
        assertThat(jdbc.queryForObject("SELECT count(*) FROM domain_event_entry", Integer.class)).isEqualTo(before);
    }

    @Test
    void whoActsComesFromTheTokenWhateverTheRequestClaims() {
        ApiClient claimant = ApiClient.onPort(port).as("ma", "claimant-1", "APPLICANT")
                .withHeaders(Map.of("X-User", "coordinator-1", "X-Subject", "coordinator-1", "X-Roles", "COORDINATOR"));
        Map<String, Object> body = new LinkedHashMap<>(Map.of("applicantName", "Claimant", "category", "IFA",
                "contactEmail", "claimant@example.org", "stateOfResidence", "MA"));
        body.putAll(Map.of("subject", "coordinator-1", "role", "COORDINATOR", "tenantId", "wa",
                "personId", "coordinator-1", "applicantId", "coordinator-1"));

        Response started = claimant.post("/api/applications", body);

        assertThat(started.status()).as(started.text()).isEqualTo(201);
        assertThat(started.at("/personId")).isEqualTo("claimant-1");
        assertThat(jdbc.queryForMap("""
                SELECT meta_data ->> 'tenantId' AS tenant, meta_data ->> 'subject' AS subject,
                       meta_data ->> 'role' AS role FROM event_log WHERE aggregate_identifier = ?""",
                started.at("/applicationId")))
                .containsEntry("tenant", "ma").containsEntry("subject", "claimant-1").containsEntry("role", "APPLICANT");
    }

    @Test
    void onlyStaffSeeApplicationsThatAreNotTheirOwn() {
        String id = start("Private Person", "IFA");

        for (String role : List.of("ENDORSEE", "REFERENCE_RATER", "APPLICANT")) {
            assertThat(ApiClient.onPort(port).as("ma", "someone-else", role).get("/api/applications/" + id)
                    .status()).as(role).isEqualTo(404);
        }
        for (String role : List.of("COORDINATOR", "REVIEWER", "AUDITOR", "TENANT_ADMIN", "PLATFORM_ADMIN")) {
            assertThat(ApiClient.onPort(port).as("ma", "staff-1", role).get("/api/applications/" + id)
                    .status()).as(role).isEqualTo(200);
        }
    }

    @Test
    void anApplicantWithdrawsTheirOwnApplicationOnly() {
        String id = start("Leaving Person", "IFA");

        Response byOther = ApiClient.onPort(port).as("ma", "someone-else", "APPLICANT")
                .post("/api/applications/" + id + "/withdrawal", Map.of("reason", "x"));
        Response withdrawn = applicant.post("/api/applications/" + id + "/withdrawal",
                Map.of("reason", "Moving to Washington"));

        assertThat(byOther.status()).isEqualTo(404);
        assertThat(withdrawn.at("/status")).isEqualTo("WITHDRAWN");
        assertThat(applicant.get("/api/applications/mine").body().findValuesAsText("applicationId")).contains(id);
        assertThat(eventTypes(id)).containsExactly("ApplicationStarted", "ApplicationWithdrawn");
    }

    @Test
    void reviewersWhoDeferReturnThePortfolioWithCommentsAndItComesBackToThemWithoutNewFees() {
        String id = inReview("Returned Person", "IFA");
        coordinator.post("/api/applications/" + id + "/reviewers", Map.of("reviewers",
                List.of("reviewer-ana", "reviewer-kim")));
        assertThat(ana.get("/api/applications/assigned").body().findValuesAsText("applicationId")).contains(id);

        ana.post("/api/applications/" + id + "/reviews", Map.of("decision", "DEFER", "comments",
                List.of(Map.of("section", "TRAINING", "comment", "Name the provider of each training"))));
        Response kimDefers = kim.post("/api/applications/" + id + "/reviews", Map.of("decision", "DEFER", "comments",
                List.of(Map.of("section", "EDUCATION", "comment", "Add the transcript"))));

        assertThat(kimDefers.at("/status")).isEqualTo("RETURNED");
        Response returned = applicant.get("/api/applications/" + id);
        assertThat(returned.body().get("comments").findValuesAsText("comment"))
                .containsExactlyInAnyOrder("Name the provider of each training", "Add the transcript");
        assertThat(ana.get("/api/applications/assigned").body().findValuesAsText("applicationId")).doesNotContain(id);
        applicant.post("/api/applications/" + id + "/portfolio/trainings", Map.of("title", "Transcript review",
                "provider", "MassAIMH", "attendedOn", "2023-03-01", "hours", 2, "domains", List.of("REFLECTION")));
        Response resubmitted = applicant.post("/api/applications/" + id + "/submission", null);
        assertThat(resubmitted.at("/status")).isEqualTo("IN_REVIEW");
        assertThat(resubmitted.body().get("comments")).isEmpty();
        assertThat(ana.get("/api/applications/assigned").body().findValuesAsText("applicationId")).contains(id);
        assertThat(eventTypes(id)).containsOnlyOnce("ApplicationSubmitted").contains("ApplicationResubmitted");
    }

    @Test
    void theApplicantHearsOfEachStepInTheLanguageTheyStartedInSignedByTheAssociation() throws Exception {
        // Started from the Spanish pages: every mail about this application is in Spanish.
        applicant = applicant.withHeaders(Map.of("Accept-Language", "es-MX,es;q=0.9"));
        String mail = applicantId + "@example.org";
        String id = start("Zoë Núñez <Zo>", "IFA");
        submitAssociatePortfolio(id);
        pay(id);
        coordinator.post("/api/applications/" + id + "/reviewers", Map.of("reviewers",
                List.of("reviewer-ana", "reviewer-kim")));
        ana.post("/api/applications/" + id + "/reviews", Map.of("decision", "DEFER", "comments",
                List.of(Map.of("section", "TRAINING", "comment", "Name the provider of each training"))));
        kim.post("/api/applications/" + id + "/reviews", Map.of("decision", "DEFER", "comments",
                List.of(Map.of("section", "EDUCATION", "comment", "Add the transcript"))));
        assertThat(applicant.post("/api/applications/" + id + "/submission", null).at("/status"))
                .isEqualTo("IN_REVIEW");
        ana.post("/api/applications/" + id + "/reviews", Map.of("decision", "APPROVE"));
        kim.post("/api/applications/" + id + "/reviews", Map.of("decision", "APPROVE"));
        Response granted = coordinator.post("/api/applications/" + id + "/approval", null);
        assertThat(granted.at("/status")).as(granted.text()).isEqualTo("GRANTED");
        String number = granted.at("/endorsementNumber");

        await().atMost(Duration.ofSeconds(30)).until(() -> RealInfrastructure.smtp().receivedFor(mail).size() >= 5);
        List<MimeMessage> received = RealInfrastructure.smtp().receivedFor(mail);
        assertThat(received).extracting(MimeMessage::getSubject).containsExactly(
                "Su solicitud de acreditación IECMH con Massachusetts Association for Infant Mental Health",
                "Recibimos su solicitud: acreditación IECMH, Massachusetts Association for Infant Mental Health",
                "Su solicitud necesita cambios: acreditación IECMH, Massachusetts Association for Infant Mental Health",
                "Recibimos su solicitud revisada: acreditación IECMH, Massachusetts Association for Infant Mental "
                        + "Health",
                "Ya tiene su acreditación: " + number + ", Massachusetts Association for Infant Mental Health");
        for (MimeMessage each : received) {
            assertThat(((InternetAddress) each.getFrom()[0]).getPersonal())
                    .isEqualTo("Massachusetts Association for Infant Mental Health");
            assertThat(SmtpServer.plainText(each)).contains("Estimada/o Zoë Núñez <Zo>").contains("Atentamente");
            assertThat(SmtpServer.html(each)).contains("<html lang=\"es\">").contains("Zoë Núñez &lt;Zo&gt;")
                    .doesNotContain("<Zo>");
        }
        assertThat(SmtpServer.plainText(received.get(0)))
                .contains(LINK_BASE + "/application.html?id=" + id);
        assertThat(SmtpServer.plainText(received.get(2)))
                .contains("- Capacitaciones: Name the provider of each training")
                .contains("- Formación académica: Add the transcript");
        String welcome = SmtpServer.plainText(received.get(4));
        assertThat(welcome).contains(LINK_BASE + "/api/registry/endorsements/" + number + "/certificate")
                .contains(LINK_BASE + "/verify.html?number=" + number)
                .contains(LINK_BASE + "/endorsement.html?number=" + number)
                .contains("válido hasta el 31 de diciembre de 2027");

        // What was sent is in the applicant's own list, with the page each mail leads to.
        Response mine = applicant.get("/api/applications/mail/mine");
        assertThat(mine.status()).isEqualTo(200);
        assertThat(mine.body().findValuesAsText("link")).contains(LINK_BASE + "/application.html?id=" + id,
                LINK_BASE + "/endorsement.html?number=" + number);
        assertThat(mine.body().findValuesAsText("language")).containsOnly("es");
        // Handled again, the steps mail nothing more.
        TrackingEventProcessor applicantMail = processing.eventProcessor("applicant-mail",
                TrackingEventProcessor.class).orElseThrow();
        applicantMail.shutDown();
        applicantMail.resetTokens();
        applicantMail.start();
        String other = start("Next Applicant", "IFA");
        await().atMost(Duration.ofSeconds(60)).until(() -> jdbc.queryForObject(
                "SELECT count(*) FROM mail_outbox WHERE link = ? AND status = 'SENT'", Integer.class,
                LINK_BASE + "/application.html?id=" + other) == 1);
        // Five mails of the first application, and the welcome of the next: nothing twice.
        assertThat(RealInfrastructure.smtp().receivedFor(mail)).hasSize(6);
    }

    @Test
    void reviewersAndScorersHearOfTheWorkGivenThemAndEachSideOfAConversationHearsTheOther() throws Exception {
        // The association recorded the reviewers' endorsements without an address: Ana names one and reads Spanish,
        // Lee names one; Kim names none and is not mailed.
        String anaMail = "ana." + UUID.randomUUID().toString().substring(0, 8) + "@home.example.org";
        String leeMail = "lee." + UUID.randomUUID().toString().substring(0, 8) + "@home.example.org";
        PublishedAssociations.publishMailPreferences(environment, "ma", "reviewer-ana", anaMail, "es");
        PublishedAssociations.publishMailPreferences(environment, "ma", "scorer-lee", leeMail, null);
        String id = specialistApprovedByReviewers();

        await().atMost(Duration.ofSeconds(30)).until(() -> !RealInfrastructure.smtp().receivedFor(anaMail).isEmpty());
        MimeMessage review = RealInfrastructure.smtp().receivedFor(anaMail).get(0);
        assertThat(review.getSubject()).startsWith("Un portafolio para revisar: ").contains("(IMHS)")
                .endsWith("Massachusetts Association for Infant Mental Health");
        assertThat(SmtpServer.plainText(review)).contains("el portafolio de Exam Candidate")
                .contains(LINK_BASE + "/review.html?id=" + id);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM mail_outbox WHERE kind = 'review-assigned' AND person = ?"
                + " AND link = ?", Integer.class, "reviewer-kim", LINK_BASE + "/review.html?id=" + id)).isZero();

        // The scorers know the candidate by a code, never the name.
        assertThat(coordinator.post("/api/applications/" + id + "/exam", Map.of("sittingOn", "2027-01-15"))
                .status()).isEqualTo(200);
        String code = assignScorers(id);
        await().atMost(Duration.ofSeconds(30)).until(() -> !RealInfrastructure.smtp().receivedFor(leeMail).isEmpty());
        MimeMessage scoring = RealInfrastructure.smtp().receivedFor(leeMail).get(0);
        assertThat(scoring.getSubject()).isEqualTo("An exam to score: candidate " + code
                + ", Massachusetts Association for Infant Mental Health");
        assertThat(SmtpServer.plainText(scoring)).contains("sat on January 15, 2027")
                .contains(LINK_BASE + "/console.html").doesNotContain("Exam Candidate");

        // A reviewer writes, the applicant answers, the reviewer writes again: each side hears the other, not itself.
        String comments = "/api/applications/" + id + "/comments";
        assertThat(ana.post(comments, Map.of("section", "WORK", "text", "Which ages did you serve?")).status())
                .isEqualTo(201);
        assertThat(applicant.post(comments, Map.of("section", "WORK", "text", "Infants <3 and their parents"))
                .status()).isEqualTo(201);
        assertThat(ana.post(comments, Map.of("section", "WORK", "text", "Thank you")).status()).isEqualTo(201);

        String mail = applicantId + "@example.org";
        await().atMost(Duration.ofSeconds(30)).until(() -> commentsTo(mail).size() == 2);
        assertThat(commentsTo(mail)).extracting(MimeMessage::getSubject).containsOnly(
                "A comment on Work experience: Exam Candidate, Massachusetts Association for Infant Mental Health");
        assertThat(SmtpServer.plainText(commentsTo(mail).get(0))).contains("A reviewer wrote about the section "
                + "Work experience").contains("Which ages did you serve?")
                .contains(LINK_BASE + "/application.html?id=" + id);
        assertThat(SmtpServer.plainText(commentsTo(mail).get(1))).contains("Thank you");
        await().atMost(Duration.ofSeconds(30)).until(() -> commentsTo(anaMail).size() == 1);
        MimeMessage answer = commentsTo(anaMail).get(0);
        assertThat(answer.getSubject()).startsWith("Un comentario sobre Experiencia laboral: Exam Candidate");
        assertThat(SmtpServer.plainText(answer)).contains("La persona solicitante escribió")
                .contains("Infants <3 and their parents").contains(LINK_BASE + "/review.html?id=" + id);
        assertThat(SmtpServer.html(answer)).contains("Infants &lt;3 and their parents");
    }

    private static List<MimeMessage> commentsTo(String address) {
        return RealInfrastructure.smtp().receivedFor(address).stream()
                .filter(each -> SmtpServer.subject(each).startsWith("A comment on")
                        || SmtpServer.subject(each).startsWith("Un comentario sobre"))
                .toList();
    }

    @Test
    void anApplicationShowsWhenItWasFirstSubmittedAndAReturnAndResubmissionKeepThatInstant() {
        String id = start("Dated Person", "IFA");
        assertThat(applicant.get("/api/applications/" + id).at("/submittedAt")).isNull();

        submitAssociatePortfolio(id);
        Instant submittedAt = Instant.parse(applicant.get("/api/applications/" + id).at("/submittedAt"));
        pay(id);
        CLOCK.advance(Duration.ofDays(3));
        coordinator.post("/api/applications/" + id + "/reviewers", Map.of("reviewers",
                List.of("reviewer-ana", "reviewer-kim")));
        for (ApiClient reviewer : List.of(ana, kim)) {
            reviewer.post("/api/applications/" + id + "/reviews", Map.of("decision", "DEFER", "comments",
                    List.of(Map.of("section", "TRAINING", "comment", "Name the provider of each training"))));
        }
        CLOCK.advance(Duration.ofDays(2));
        Response resubmitted = applicant.post("/api/applications/" + id + "/submission", null);

        assertThat(resubmitted.at("/status")).isEqualTo("IN_REVIEW");
        assertThat(submittedAt).isAfterOrEqualTo(NOW).isBefore(CLOCK.instant().minus(Duration.ofDays(4)));
        assertThat(Instant.parse(resubmitted.at("/submittedAt"))).isEqualTo(submittedAt);
        JsonNode queued = null;
        for (JsonNode application : coordinator.get("/api/applications?status=IN_REVIEW&size=100").body()) {
            if (id.equals(application.get("applicationId").asText())) {
                queued = application;
            }
        }
        assertThat(queued).as("the queue lists " + id).isNotNull();
        assertThat(Instant.parse(queued.get("submittedAt").asText())).isEqualTo(submittedAt);
        assertThat(Instant.parse(queued.get("statusSince").asText())).isAfter(submittedAt);
    }

    @Test
    void onlyEndorsedReviewersOfTheRightLevelOtherThanTheApplicantAreAssigned() {
        String id = inReview("Reviewed Person", "IFA");

        Response unknown = coordinator.post("/api/applications/" + id + "/reviewers", Map.of("reviewers",
                List.of("reviewer-ana", "nobody")));
        Response one = coordinator.post("/api/applications/" + id + "/reviewers", Map.of("reviewers",
                List.of("reviewer-ana")));
        Response byApplicant = applicant.post("/api/applications/" + id + "/reviewers", Map.of("reviewers",
                List.of("reviewer-ana", "reviewer-kim")));
        Response notAssigned = ana.post("/api/applications/" + id + "/reviews", Map.of("decision", "APPROVE"));

        assertThat(unknown.status()).isEqualTo(409);
        assertThat(unknown.at("/rule")).isEqualTo("reviewer-not-endorsed");
        assertThat(one.status()).isEqualTo(400);
        assertThat(byApplicant.status()).isEqualTo(403);
        assertThat(notAssigned.status()).isEqualTo(409);
        assertThat(notAssigned.at("/rule")).isEqualTo("not-a-reviewer");
    }

    @Test
    void aMentalHealthSpecialistFailsTheExamRetakesItAfterTheIntervalAndIsGranted() {
        String id = specialistApprovedByReviewers();
        assertThat(coordinator.post("/api/applications/" + id + "/approval", null).status()).isEqualTo(409);
        Response approvedPortfolio = coordinator.get("/api/applications/" + id);
        assertThat(approvedPortfolio.at("/exam")).isEqualTo("true");
        assertThat(approvedPortfolio.at("/decidable")).isEqualTo("false");

        String exam = "/api/applications/" + id + "/exam";
        Response booked = coordinator.post(exam, Map.of("sittingOn", "2027-01-15"));
        assertThat(booked.at("/0/parts/1")).isEqualTo("VIGNETTES");
        String code = assignScorers(id);
        CLOCK.set(Instant.parse("2027-01-15T14:00:00Z"));
        score(lee, code, "MULTIPLE_CHOICE", 70);
        score(sam, code, "MULTIPLE_CHOICE", 76);
        score(lee, code, "VIGNETTES", 90);
        score(sam, code, "VIGNETTES", 88);
        Response failed = coordinator.get(exam);
        assertThat(failed.at("/0/result")).isEqualTo("FAILED");
        assertThat(failed.at("/0/partScores/MULTIPLE_CHOICE")).isEqualTo("73.0");
        assertThat(failed.at("/0/retakeFrom")).isEqualTo("2028-01-15");

        Response tooSoon = coordinator.post(exam, Map.of("sittingOn", "2027-06-01"));
        assertThat(tooSoon.status()).isEqualTo(409);
        assertThat(tooSoon.at("/rule")).isEqualTo("exam-retake-too-soon");
        coordinator.post(exam, Map.of("sittingOn", "2028-02-01"));
        String retake = assignScorers(id);
        assertThat(retake).isNotEqualTo(code);
        CLOCK.set(Instant.parse("2028-02-01T14:00:00Z"));
        score(lee, retake, "MULTIPLE_CHOICE", 85);
        score(sam, retake, "MULTIPLE_CHOICE", 83);
        score(lee, retake, "VIGNETTES", 90);
        score(sam, retake, "VIGNETTES", 92);
        assertThat(coordinator.get(exam).at("/1/result")).isEqualTo("PASSED");
        assertThat(coordinator.get("/api/applications/" + id).at("/decidable")).isEqualTo("true");
        Response granted = coordinator.post("/api/applications/" + id + "/approval", null);
        assertThat(granted.at("/status")).as(granted.text()).isEqualTo("GRANTED");

        // The candidate heard of each sitting and result, in the association's first language.
        String mail = applicantId + "@example.org";
        await().atMost(Duration.ofSeconds(30)).until(() -> RealInfrastructure.smtp().receivedFor(mail).stream()
                .anyMatch(each -> SmtpServer.subject(each).startsWith("You are endorsed")));
        List<MimeMessage> exams = RealInfrastructure.smtp().receivedFor(mail).stream()
                .filter(each -> SmtpServer.subject(each).contains("exam")).toList();
        assertThat(exams).extracting(SmtpServer::subject).containsExactly(
                "Your endorsement exam on January 15, 2027: Massachusetts Association for Infant Mental Health",
                "Your endorsement exam result: Massachusetts Association for Infant Mental Health",
                "Your endorsement exam on February 1, 2028: Massachusetts Association for Infant Mental Health",
                "You passed the endorsement exam: Massachusetts Association for Infant Mental Health");
        assertThat(SmtpServer.plainText(exams.get(1))).contains("You may take it again from January 15, 2028");
    }

    @Test
    void everyNoticeHasATemplateInEachLanguageNamingTheSameValues() {
        assertThat(MailTemplates.problems()).isEmpty();
    }

    @Test
    void scorersAreAssignedSeeACandidateCodeNotANameAndScoreOnlyFromTheSittingsDate() {
        String id = specialistApprovedByReviewers();
        String exam = "/api/applications/" + id + "/exam";
        coordinator.post(exam, Map.of("sittingOn", "2027-03-02"));

        Response unassigned = lee.post(exam + "/scores", Map.of("part", "MULTIPLE_CHOICE", "percent", 90));
        assertThat(unassigned.status()).isEqualTo(409);
        assertThat(unassigned.at("/rule")).isEqualTo("not-a-scorer");
        Response ownReviewer = coordinator.post(exam + "/scorers", Map.of("scorers", List.of("scorer-lee",
                "reviewer-ana")));
        assertThat(ownReviewer.status()).isEqualTo(409);
        assertThat(ownReviewer.at("/rule")).isEqualTo("scorer-is-reviewer");
        String code = assignScorers(id);

        Response queue = lee.get("/api/applications/exam-sittings");
        assertThat(queue.status()).isEqualTo(200);
        assertThat(queue.body().findValuesAsText("candidateCode")).contains(code);
        assertThat(queue.text()).doesNotContain("Exam Candidate").doesNotContain(id).doesNotContain(applicantId);
        Response early = lee.post("/api/applications/exam-sittings/" + code + "/scores",
                Map.of("part", "MULTIPLE_CHOICE", "percent", 90));
        assertThat(early.status()).isEqualTo(409);
        assertThat(early.at("/rule")).isEqualTo("exam-not-sat-yet");
        // 2027-03-02 begins at 05:00 UTC in Massachusetts: at 03:00 UTC it is still the 1st there.
        CLOCK.set(Instant.parse("2027-03-02T03:00:00Z"));
        assertThat(lee.post("/api/applications/exam-sittings/" + code + "/scores",
                Map.of("part", "MULTIPLE_CHOICE", "percent", 90)).at("/rule")).isEqualTo("exam-not-sat-yet");
        assertThat(coordinator.get(exam).at("/0/scoresEntered")).isEqualTo("0");

        CLOCK.set(Instant.parse("2027-03-02T15:00:00Z"));
        Response scored = lee.post("/api/applications/exam-sittings/" + code + "/scores",
                Map.of("part", "MULTIPLE_CHOICE", "percent", 90));
        assertThat(scored.status()).as(scored.text()).isEqualTo(200);
        assertThat(scored.at("/scoredParts/0")).isEqualTo("MULTIPLE_CHOICE");
        assertThat(kim.post("/api/applications/exam-sittings/" + code + "/scores",
                Map.of("part", "MULTIPLE_CHOICE", "percent", 90)).status()).isEqualTo(404);
        assertThat(eventTypes(id)).containsOnlyOnce("ExamScoreRecorded");
    }

    @Test
    void aSittingIsBookedInASensibleRangeAndNeverOnADraftOrWithdrawnApplication() {
        String draft = start("Early Booker", "IMHS");
        int before = jdbc.queryForObject("SELECT count(*) FROM domain_event_entry", Integer.class);

        Response onDraft = coordinator.post("/api/applications/" + draft + "/exam", Map.of("sittingOn", "2027-03-02"));
        Response longAgo = coordinator.post("/api/applications/" + draft + "/exam", Map.of("sittingOn", "1800-01-01"));
        Response farAhead = coordinator.post("/api/applications/" + draft + "/exam", Map.of("sittingOn", "2999-01-01"));

        assertThat(onDraft.status()).as(onDraft.text()).isEqualTo(409);
        assertThat(onDraft.at("/rule")).isEqualTo("exam-needs-approved-portfolio");
        for (Response refused : List.of(longAgo, farAhead)) {
            assertThat(refused.status()).as(refused.text()).isEqualTo(400);
            assertThat(refused.at("/errors/0/field")).isEqualTo("sittingOn");
            assertThat(refused.at("/errors/0/rule")).isEqualTo("DateRange");
        }
        assertThat(jdbc.queryForObject("SELECT count(*) FROM domain_event_entry", Integer.class)).isEqualTo(before);
        applicant.post("/api/applications/" + draft + "/withdrawal", Map.of("reason", "Moving"));
        Response onWithdrawn = coordinator.post("/api/applications/" + draft + "/exam",
                Map.of("sittingOn", "2027-03-02"));
        assertThat(onWithdrawn.status()).as(onWithdrawn.text()).isEqualTo(409);
        assertThat(onWithdrawn.at("/rule")).isEqualTo("exam-needs-approved-portfolio");
        clients();
        String associate = start("Associate Booker", "IFA");
        Response onAssociateDraft = coordinator.post("/api/applications/" + associate + "/exam",
                Map.of("sittingOn", "2027-03-02"));
        assertThat(onAssociateDraft.status()).as(onAssociateDraft.text()).isEqualTo(409);
        assertThat(onAssociateDraft.at("/rule")).isEqualTo("exam-needs-approved-portfolio");
    }

    @Test
    void theCoordinatorIsOfferedExactlyThePeopleTheAssignmentRuleAcceptsAndOnlyOfTheirAssociation() {
        String id = inReview("Reviewed Person", "IFA");
        ApiClient admin = ApiClient.onPort(port).as("ma", "admin-1", "TENANT_ADMIN");
        Map<String, String> recorded = new LinkedHashMap<>();
        recorded.put("reviewer-zoe", "IMHM-C");
        recorded.put("reviewer-policy", "IMHM-P");
        recorded.put("reviewer-lapsed", "IMHS");
        recorded.put(applicantId, "IMHS");
        int number = 260;
        for (Map.Entry<String, String> person : recorded.entrySet()) {
            String name = person.getKey().equals("reviewer-zoe") ? "Zoë Núñez 李" : "Person " + number;
            assertThat(admin.post("/api/applications/prior-endorsements", Map.of("endorsementNumber",
                    "MA-P-0" + number++, "subject", person.getKey(), "name", name, "category", person.getValue(),
                    "endorsedSince", "2015-01-01")).status()).isEqualTo(201);
        }
        assertThat(ApiClient.onPort(port).as("wa", "admin-wa", "TENANT_ADMIN").post(
                "/api/applications/prior-endorsements", Map.of("endorsementNumber", "WA-P-0260", "subject",
                        "reviewer-elsewhere", "name", "Wren Hale", "category", "IMHM-C", "endorsedSince",
                        "2015-01-01")).status()).isEqualTo(201);
        EndorsementLapsed lapsed = new EndorsementLapsed("ma", "MA-P-0262", Instant.parse("2026-10-01T12:00:00Z"));
        publisher.publish(lapsed, new GenericEventMessage<>(lapsed, Map.of(AuditMetadata.TENANT, "ma")));
        String path = "/api/applications/" + id + "/eligible-reviewers";
        await().atMost(Duration.ofSeconds(30)).until(() -> !coordinator.get(path).body()
                .findValuesAsText("subject").contains("reviewer-lapsed"));

        Response eligible = coordinator.get(path);
        List<String> subjects = eligible.body().findValuesAsText("subject");

        assertThat(eligible.status()).isEqualTo(200);
        assertThat(subjects).contains("reviewer-zoe", "reviewer-ana", "reviewer-kim")
                .doesNotContain("reviewer-policy", "reviewer-lapsed", applicantId, "reviewer-elsewhere")
                .doesNotHaveDuplicates();
        JsonNode zoe = eligible.body().get(subjects.indexOf("reviewer-zoe"));
        assertThat(zoe.get("name").asText()).isEqualTo("Zoë Núñez 李");
        assertThat(zoe.get("endorsementNumber").asText()).isEqualTo("MA-P-0260");
        assertThat(zoe.get("category").asText()).isEqualTo("IMHM-C");
        assertThat(applicant.get(path).status()).isEqualTo(403);
        assertThat(ApiClient.onPort(port).as("wa", "coordinator-9", "COORDINATOR").get(path).status())
                .isEqualTo(404);
        assertThat(coordinator.post("/api/applications/" + id + "/reviewers", Map.of("reviewers",
                List.of("reviewer-zoe", "reviewer-kim"))).status()).isEqualTo(200);
        for (String refused : List.of("reviewer-policy", "reviewer-lapsed", applicantId)) {
            assertThat(coordinator.post("/api/applications/" + id + "/reviewers", Map.of("reviewers",
                    List.of(refused, "reviewer-kim"))).status()).as(refused).isEqualTo(409);
        }
    }

    @Test
    void aReviewerWhoseEndorsementLapsedOrIsOnHoldIsNotAssignedAndIsAgainOnceReactivated() {
        ApiClient admin = ApiClient.onPort(port).as("ma", "admin-1", "TENANT_ADMIN");
        admin.post("/api/applications/prior-endorsements", Map.of("endorsementNumber", "MA-P-0190",
                "subject", "reviewer-rae", "name", "Rae Quinn", "category", "IMHM-C", "endorsedSince", "2012-01-01"));
        admin.post("/api/applications/prior-endorsements", Map.of("endorsementNumber", "MA-P-0191",
                "subject", "reviewer-pat", "name", "Pat Doe", "category", "IMHM-P", "endorsedSince", "2012-01-01"));
        String id = inReview("Reviewed Person", "IFA");
        String reviewers = "/api/applications/" + id + "/reviewers";

        EndorsementInactivated onHold = new EndorsementInactivated("ma", "MA-P-0190",
                Instant.parse("2026-10-01T12:00:00Z"));
        publisher.publish(onHold, new GenericEventMessage<>(onHold, Map.of(AuditMetadata.TENANT, "ma")));
        await().atMost(Duration.ofSeconds(30)).until(() -> "reviewer-not-active".equals(coordinator.post(reviewers,
                Map.of("reviewers", List.of("reviewer-rae", "reviewer-kim"))).at("/rule")));

        EndorsementReactivated back = new EndorsementReactivated("ma", "MA-P-0190",
                Instant.parse("2026-11-01T12:00:00Z"), LocalDate.of(2027, 12, 31));
        publisher.publish(back, new GenericEventMessage<>(back, Map.of(AuditMetadata.TENANT, "ma")));
        await().atMost(Duration.ofSeconds(30)).until(() -> coordinator.post(reviewers,
                Map.of("reviewers", List.of("reviewer-rae", "reviewer-kim"))).status() == 200);

        Response otherTrack = coordinator.post(reviewers, Map.of("reviewers", List.of("reviewer-pat", "reviewer-kim")));
        assertThat(otherTrack.status()).isEqualTo(409);
        assertThat(otherTrack.at("/rule")).isEqualTo("reviewer-track");
        ApiClient elsewhere = ApiClient.onPort(port).as("wa", "coordinator-9", "COORDINATOR");
        assertThat(elsewhere.post(reviewers, Map.of("reviewers", List.of("reviewer-rae", "reviewer-kim"))).status())
                .isEqualTo(404);
    }

    @Test
    void datesBefore1900OrFarAheadAndWorkEndingBeforeItStartsAreRefusedNamingTheFieldAndStoreNothing() {
        String id = start("Dated Person", "IFA");
        String portfolio = "/api/applications/" + id + "/portfolio";
        int before = jdbc.queryForObject("SELECT count(*) FROM domain_event_entry", Integer.class);

        Map<String, Response> refused = new LinkedHashMap<>();
        refused.put("attendedOn", applicant.post(portfolio + "/trainings", Map.of("title", "Old", "provider", "X",
                "attendedOn", "1800-01-01", "hours", 2, "domains", List.of("REFLECTION"))));
        refused.put("heldOn", applicant.post(portfolio + "/supervision", Map.of("heldOn", "2999-01-01", "hours", 1,
                "format", "INDIVIDUAL", "providerEndorsementNumber", "MA-P-0102")));
        refused.put("startedOn", applicant.post(portfolio + "/work", Map.of("role", "Aide", "employer", "X",
                "startedOn", "1899-12-31", "hoursPerWeek", 20, "paid", true, "populations", List.of("INFANTS"))));
        refused.put("endedOn", applicant.post(portfolio + "/work", Map.of("role", "Aide", "employer", "X",
                "startedOn", "2020-01-01", "endedOn", "9999-12-31", "hoursPerWeek", 20, "paid", true,
                "populations", List.of("INFANTS"))));
        // Today is 2026-11-22 in Massachusetts until 05:00 UTC on the 23rd.
        CLOCK.set(Instant.parse("2026-11-23T03:00:00Z"));
        Response tomorrow = applicant.post(portfolio + "/trainings", Map.of("title", "Tomorrow", "provider", "X",
                "attendedOn", "2026-11-23", "hours", 2, "domains", List.of("REFLECTION")));
        Response backwards = applicant.post(portfolio + "/work", Map.of("role", "Aide", "employer", "X",
                "startedOn", "2021-06-01", "endedOn", "2020-06-01", "hoursPerWeek", 20, "paid", true,
                "populations", List.of("INFANTS")));

        refused.forEach((field, response) -> {
            assertThat(response.status()).as(response.text()).isEqualTo(400);
            assertThat(response.at("/errors/0/field")).isEqualTo(field);
            assertThat(response.at("/errors/0/rule")).isEqualTo("DateRange");
        });
        assertThat(tomorrow.status()).isEqualTo(400);
        assertThat(tomorrow.at("/errors/0/field")).isEqualTo("attendedOn");
        assertThat(backwards.status()).isEqualTo(400);
        assertThat(backwards.at("/errors/0/field")).isEqualTo("endedOn");
        assertThat(backwards.at("/errors/0/rule")).isEqualTo("EndBeforeStart");
        assertThat(jdbc.queryForObject("SELECT count(*) FROM domain_event_entry", Integer.class)).isEqualTo(before);
        assertThat(applicant.post(portfolio + "/trainings", Map.of("title", "Today", "provider", "X",
                "attendedOn", "2026-11-22", "hours", 2, "domains", List.of("REFLECTION"))).status()).isEqualTo(201);
    }

    @Test
    void supervisionFromAnEndorsedReflectiveSupervisorOfAnyCategoryCounts() {
        ApiClient admin = ApiClient.onPort(port).as("ma", "admin-1", "TENANT_ADMIN");
        Response ers = admin.post("/api/applications/prior-endorsements", Map.of("endorsementNumber", "MA-P-0178",
                "subject", "provider-ers", "name", "Ers Holder", "category", "IFS", "endorsedSince", "2019-01-01",
                "addOns", List.of("ERS")));
        Response noAddOn = admin.post("/api/applications/prior-endorsements", Map.of("endorsementNumber",
                "MA-P-0179", "subject", "provider-ifs", "name", "Ifs Holder", "category", "IFS", "endorsedSince",
                "2019-01-01"));
        Response unknown = admin.post("/api/applications/prior-endorsements", Map.of("endorsementNumber",
                "MA-P-0180", "subject", "provider-x", "name", "X Holder", "category", "IFS", "endorsedSince",
                "2019-01-01", "addOns", List.of("XYZ")));
        assertThat(ers.status()).as(ers.text()).isEqualTo(201);
        assertThat(noAddOn.status()).isEqualTo(201);
        assertThat(unknown.status()).isEqualTo(400);
        assertThat(unknown.at("/errors/0/field")).isEqualTo("addOns");
        String id = start("Supervised Person", "IFS");
        applicant.post("/api/applications/" + id + "/portfolio/supervision", Map.of("heldOn", "2026-03-01",
                "hours", 10, "format", "INDIVIDUAL", "providerEndorsementNumber", "MA-P-0178"));
        applicant.post("/api/applications/" + id + "/portfolio/supervision", Map.of("heldOn", "2026-04-01",
                "hours", 4, "format", "INDIVIDUAL", "providerEndorsementNumber", "MA-P-0179"));

        assertThat(applicant.get("/api/applications/" + id + "/requirements").text())
                .contains("10 of 24 hours of reflective supervision")
                .contains("4 hours from providers not endorsed on the session date do not count");
    }

    /** The coordinator assigns scorer-lee and scorer-sam; answers the candidate code they score under. */
    private String assignScorers(String id) {
        Response assigned = coordinator.post("/api/applications/" + id + "/exam/scorers",
                Map.of("scorers", List.of("scorer-lee", "scorer-sam")));
        assertThat(assigned.status()).as(assigned.text()).isEqualTo(200);
        String code = assigned.at("/" + (assigned.body().size() - 1) + "/candidateCode");
        assertThat(code).matches("C-[A-Z2-9]{8}");
        return code;
    }

    private void score(ApiClient scorer, String candidateCode, String part, int percent) {
        Response scored = scorer.post("/api/applications/exam-sittings/" + candidateCode + "/scores",
                Map.of("part", part, "percent", percent));
        assertThat(scored.status()).as(scored.text()).isEqualTo(200);
    }

    /** A specialist's application with a complete portfolio, paid and approved by both reviewers. */
    private String specialistApprovedByReviewers() {
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

    @Test
    void anApplicationKeptAsASnapshotComesBackAsEveryEventMakesIt(
            @Autowired EventStore eventStore, @Autowired @Qualifier("snapshotSerializer") Serializer snapshots) {
        String id = specialistApprovedByReviewers();
        String exam = "/api/applications/" + id + "/exam";
        coordinator.post(exam, Map.of("sittingOn", "2027-01-15"));
        String code = assignScorers(id);
        CLOCK.set(Instant.parse("2027-01-15T14:00:00Z"));
        score(lee, code, "MULTIPLE_CHOICE", 70);
        applicant.post("/api/applications/" + id + "/comments", Map.of("section", "GENERAL", "text", "When are the results due?"));

        Application replayed = AggregateReplay.fromEveryEvent(eventStore, Application.class, id);
        Application restored = AggregateReplay.throughSnapshot(snapshots, replayed);

        assertThat(restored).usingRecursiveComparison().isEqualTo(replayed);
        assertThat(replayed).extracting("references.raters").asInstanceOf(InstanceOfAssertFactories.MAP).hasSize(3);
        assertThat(replayed).extracting("exam.scores").asInstanceOf(InstanceOfAssertFactories.MAP).hasSize(1);
        // Each member restored from the snapshot asks the restored root, as one made from the events does.
        for (String member : List.of("portfolio", "references", "review", "exam")) {
            assertThat(restored).extracting(member + ".application").as(member).isSameAs(restored);
        }
    }

    @Test
    void theApplicantAndTheStaffTalkPerSectionUntilTheDecision() {
        String id = startAndSubmit("Talking Person", "IFA");
        String comments = "/api/applications/" + id + "/comments";

        Response asked = coordinator.post(comments, Map.of("section", "WORK",
                "text", "Which ages did the home visits serve?"));
        CLOCK.advance(Duration.ofMinutes(5));
        Response answered = applicant.post(comments, Map.of("section", "WORK", "text", "Infants and toddlers."));
        Response byAuditor = ApiClient.onPort(port).as("ma", "auditor-1", "AUDITOR").post(comments,
                Map.of("section", "WORK", "text", "x"));
        Response byStranger = ApiClient.onPort(port).as("ma", "someone-else", "APPLICANT").get(comments);
        Response noSection = applicant.post(comments, Map.of("text", "Where does this go?"));

        assertThat(asked.status()).isEqualTo(201);
        assertThat(answered.body().findValuesAsText("role")).containsExactly("COORDINATOR", "APPLICANT");
        assertThat(answered.body().findValuesAsText("author")).containsExactly("coordinator-1", applicantId);
        assertThat(answered.body().findValuesAsText("text"))
                .containsExactly("Which ages did the home visits serve?", "Infants and toddlers.");
        assertThat(byAuditor.status()).isEqualTo(403);
        assertThat(byStranger.status()).isEqualTo(404);
        assertThat(noSection.status()).isEqualTo(400);
        assertThat(noSection.at("/errors/0/field")).isEqualTo("section");

        applicant.post("/api/applications/" + id + "/withdrawal", Map.of("reason", "Changed my mind"));
        Response afterDecision = coordinator.post(comments, Map.of("section", "GENERAL", "text", "Too late"));
        assertThat(afterDecision.status()).isEqualTo(409);
        assertThat(afterDecision.at("/rule")).isEqualTo("application-decided");
    }

    @Test
    void theWorkQueueListsOneStateOfTheAssociationLongestWaitingFirst() {
        List<String> submitted = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            clients();
            CLOCK.advance(Duration.ofMinutes(10));
            submitted.add(startAndSubmit("Queued Person " + i, "IFA"));
        }

        Response queue = coordinator.get("/api/applications?status=SUBMITTED&size=100");
        List<String> ids = queue.body().findValuesAsText("applicationId");
        List<String> since = queue.body().findValuesAsText("statusSince");

        assertThat(queue.status()).isEqualTo(200);
        assertThat(ids).containsSubsequence(submitted);
        assertThat(since).isSorted();
        assertThat(queue.body().findValuesAsText("status")).containsOnly("SUBMITTED");
        assertThat(queue.body().findValuesAsText("tenantId")).containsOnly("ma");
        assertThat(applicant.get("/api/applications?status=SUBMITTED").status()).isEqualTo(403);
        assertThat(coordinator.get("/api/applications?status=SUBMITTED&size=1000").status()).isEqualTo(400);
        assertThat(coordinator.get("/api/applications?status=LOST").status()).isEqualTo(400);
        assertThat(ApiClient.onPort(port).as("wa", "coordinator-wa", "COORDINATOR")
                .get("/api/applications?status=SUBMITTED&size=100").body().findValuesAsText("applicationId"))
                .doesNotContainAnyElementsOf(submitted);
    }

    @Test
    void theReadModelsRebuiltFromTheEventStoreEqualTheOnesKeptAsEventsHappened() {
        String id = startAndSubmit("Rebuilt Person", "IFA");
        coordinator.post("/api/applications/" + id + "/denial", Map.of("reasons", List.of("Reason one")));
        List<Map<String, Object>> before = readModelRows();

        Response notAllowed = coordinator.post("/api/applications/read-models/application-view/rebuilds", null);
        Response rebuilt = rebuildApplicationView();

        assertThat(notAllowed.status()).isEqualTo(403);
        assertThat(rebuilt.at("/status")).as(rebuilt.text()).isEqualTo("DONE");
        assertThat(Long.parseLong(rebuilt.at("/processed"))).isGreaterThanOrEqualTo(eventTypes(id).size())
                .isEqualTo(Long.parseLong(rebuilt.at("/head")));
        assertThat(readModelRows()).isEqualTo(before);
        // The links' hashes are no read model: a rebuild leaves them, so links mailed before it still work.
        assertThat(jdbc.queryForObject("SELECT count(*) FROM reference_link WHERE application_id = ?", Integer.class,
                id)).isEqualTo(3);
    }

    @Test
    void theApiIsDescribedByOpenApiWithExamples() {
        Response api = ApiClient.onPort(port).get("/v3/api-docs");

        assertThat(api.status()).isEqualTo(200);
        assertThat(api.body().get("paths").has("/api/applications/{applicationId}/requirements")).isTrue();
        assertThat(api.body().get("paths").has("/api/applications/{applicationId}/portfolio/trainings")).isTrue();
        assertThat(api.body().at("/components/schemas/StartRequest/properties/category/example").asText())
                .isEqualTo("IFA");
        assertThat(api.body().at("/components/schemas/TrainingRequest/properties/hours/example").asText())
                .isEqualTo("18.5");
    }

    /** Rebuilds the application read model as the platform's operator and answers its progress once it ended. */
    private Response rebuildApplicationView() {
        ApiClient operator = ApiClient.onPort(port).as("ma", "operator-1", "PLATFORM_ADMIN");
        Response started = operator.post("/api/applications/read-models/application-view/rebuilds", null);
        assertThat(started.status()).as(started.text()).isEqualTo(202);
        String progress = "/api/applications/read-models/rebuilds/" + started.at("/id");
        await().atMost(Duration.ofSeconds(60)).until(() -> !"RUNNING".equals(operator.get(progress).at("/status")));
        return operator.get(progress);
    }

    private List<Map<String, Object>> readModelRows() {
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

    private static final Map<String, Object> DEGREE = Map.of("degree", "ASSOCIATE", "field", "Early childhood",
            "institution", "Bunker Hill Community College", "year", 2018);

    /** An Associate-level application (IFA or ECFA) with a portfolio that meets its requirements, submitted. */
    private String startAndSubmit(String name, String category) {
        String id = start(name, category);
        submitAssociatePortfolio(id);
        return id;
    }

    /** Fills the application's portfolio as an Associate's requirements ask and submits it. */
    private void submitAssociatePortfolio(String id) {
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

    private String inReview(String name, String category) {
        String id = startAndSubmit(name, category);
        pay(id);
        return id;
    }

    private void pay(String id) {
        var paid = GenericEventMessage.asEventMessage(new InvoicePaid("ma", "INV-" + id, applicantId, id,
                Money.of(2_500, "USD"), NOW)).andMetaData(Map.of(AuditMetadata.TENANT, "ma"));
        publisher.publish((InvoicePaid) paid.getPayload(), paid);
        await().atMost(Duration.ofSeconds(30)).until(() -> "IN_REVIEW".equals(applicant.get(
                "/api/applications/" + id).at("/status")));
    }

    private String approvedByReviewers(String id) {
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
    private void completeReferences(String id, String... relationships) {
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

    private Response nameRater(String id, String name, String email, String relationship, boolean waives) {
        return applicant.post("/api/applications/" + id + "/references", Map.of("name", name, "email", email,
                "relationship", relationship, "waivesAccess", waives));
    }

    /** The secret of the {@code nth} link mailed to the address, once that mail has arrived. */
    private static String linkMailedTo(String email, int nth) {
        await().atMost(Duration.ofSeconds(30)).until(() -> RealInfrastructure.smtp().receivedFor(email).size() >= nth);
        MimeMessage mail = RealInfrastructure.smtp().receivedFor(email).get(nth - 1);
        Matcher link = LINK.matcher(SmtpServer.plainText(mail));
        assertThat(link.find()).as(SmtpServer.plainText(mail)).isTrue();
        return link.group(1);
    }

    private Response rate(String secret, int knownForMonths, Map<String, Object> answers) {
        return ApiClient.onPort(port).post("/api/references/" + secret,
                Map.of("knownForMonths", knownForMonths, "answers", answers));
    }

    private static Map<String, Object> answers(String each) {
        Map<String, Object> answers = new java.util.LinkedHashMap<>();
        ITEMS.forEach(item -> answers.put(item, each));
        return answers;
    }

    private List<String> eventTypes(String aggregateId) {
        return jdbc.queryForList("SELECT payload_type FROM domain_event_entry WHERE aggregate_identifier = ? "
                + "ORDER BY sequence_number", String.class, aggregateId).stream()
                .map(type -> type.substring(type.lastIndexOf('.') + 1)).toList();
    }

    /**
     * Five applications as the service stored them before each feature owned its rules
     * ({@code event-fixtures/application-streams-2026-12.json}: the rows of {@code domain_event_entry} and the views
     * then shown). Loaded into this store, they give the same views, and the next commands behave as they did.
     */
    @Nested
    class AStoreWrittenBeforeTheFeaturesOwnedTheirRules {

        /** The one grant's number, renumbered so that it meets no number this store hands out. */
        private static final String STORED_NUMBER = "MA-000001";
        private static final String REPLAYED_NUMBER = "MA-900001";

        private static boolean loaded;
        private static JsonNode stored;

        @BeforeEach
        void theStoredRowsAreLoadedOnce(@Autowired EventChain chain) throws Exception {
            if (loaded) {
                return;
            }
            ObjectMapper json = new ObjectMapper();
            String text = new String(getClass().getResourceAsStream(
                    "/event-fixtures/application-streams-2026-12.json").readAllBytes(), StandardCharsets.UTF_8);
            stored = json.readTree(text.replace(STORED_NUMBER, REPLAYED_NUMBER));
            List<String> eventIds = new ArrayList<>();
            for (JsonNode application : stored) {
                for (JsonNode row : application.get("rows")) {
                    jdbc.update("""
                            INSERT INTO domain_event_entry (aggregate_identifier, sequence_number, type,
                                event_identifier, meta_data, payload, payload_revision, payload_type, time_stamp)
                            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)""", row.get("aggregateIdentifier").asText(),
                            row.get("sequenceNumber").asLong(), row.get("type").asText(),
                            row.get("eventIdentifier").asText(), json.writeValueAsBytes(row.get("metaData")),
                            json.writeValueAsBytes(row.get("payload")),
                            row.get("payloadRevision").isNull() ? null : row.get("payloadRevision").asText(),
                            row.get("payloadType").asText(), row.get("timeStamp").asText());
                    eventIds.add(row.get("eventIdentifier").asText());
                }
            }
            chain.seal(eventIds);
            // The views follow the store in the transaction that appends to it: rows put in place are read by a
            // rebuild, as after a restore.
            assertThat(rebuildApplicationView().at("/status")).isEqualTo("DONE");
            loaded = true;
        }

        private JsonNode application(String name) {
            for (JsonNode application : stored) {
                if (application.get("name").asText().equals(name)) {
                    CLOCK.set(Instant.parse(application.get("clock").asText()));
                    applicantId = application.get("personId").asText();
                    applicant = ApiClient.onPort(port).as("ma", applicantId, "APPLICANT");
                    return application;
                }
            }
            throw new IllegalArgumentException(name);
        }

        /** Every view of the application, rebuilt from the loaded rows, as it was shown then. */
        private String showsAsBefore(JsonNode application) {
            String id = application.get("applicationId").asText();
            application.get("views").fields().forEachRemaining(view -> {
                Response shown = coordinator.get("/api/applications/" + id
                        + (view.getKey().equals("application") ? "" : "/" + view.getKey()));
                assertThat(view.getValue().isInt() ? (JsonNode) IntNode.valueOf(shown.status()) : shown.body())
                        .as(view.getKey()).isEqualTo(view.getValue());
            });
            return id;
        }

        @Test
        void aGrantAfterARetakeShowsAsBeforeAndStaysDecided() {
            String id = showsAsBefore(application("granted-after-retake"));

            Response withdrawn = applicant.post("/api/applications/" + id + "/withdrawal", Map.of("reason", "Late"));
            assertThat(withdrawn.status()).isEqualTo(409);
            assertThat(withdrawn.at("/rule")).isEqualTo("application-decided");
            assertThat(applicant.get("/api/applications/" + id).at("/endorsementNumber")).isEqualTo(REPLAYED_NUMBER);
        }

        @Test
        void aRetakeBeingScoredTakesTheRemainingScoresOnceAndPasses() {
            JsonNode application = application("retake-being-scored");
            String id = showsAsBefore(application);
            String code = application.get("candidateCode").asText();

            Response again = lee.post("/api/applications/exam-sittings/" + code + "/scores",
                    Map.of("part", "MULTIPLE_CHOICE", "percent", 90));
            assertThat(again.status()).isEqualTo(409);
            assertThat(again.at("/rule")).isEqualTo("exam-scored");
            score(sam, code, "MULTIPLE_CHOICE", 83);
            score(lee, code, "VIGNETTES", 90);
            score(sam, code, "VIGNETTES", 92);
            Response exam = coordinator.get("/api/applications/" + id + "/exam");
            assertThat(exam.at("/0/result")).isEqualTo("FAILED");
            assertThat(exam.at("/1/result")).isEqualTo("PASSED");
            assertThat(exam.at("/1/partScores/MULTIPLE_CHOICE")).isEqualTo("84.0");
            assertThat(coordinator.get("/api/applications/" + id).at("/decidable")).isEqualTo("true");
        }

        @Test
        void aResubmittedPortfolioKeepsTheReviewGivenSinceAndTheSecondApprovalApprovesIt() {
            String id = showsAsBefore(application("resubmitted-half-approved"));

            Response approved = kim.post("/api/applications/" + id + "/reviews", Map.of("decision", "APPROVE"));

            assertThat(approved.at("/status")).as(approved.text()).isEqualTo("PORTFOLIO_APPROVED");
        }

        @Test
        void aDeniedApplicationTakesNoMoreComments() {
            String id = showsAsBefore(application("denied"));

            Response comment = applicant.post("/api/applications/" + id + "/comments",
                    Map.of("section", "GENERAL", "text", "Why?"));
            assertThat(comment.status()).isEqualTo(409);
            assertThat(comment.at("/rule")).isEqualTo("application-decided");
        }

        @Test
        void aDraftKnowsItsRemovedEntryItsReplacedRaterAndWhatItStillLacks() {
            JsonNode application = application("draft");
            String id = showsAsBefore(application);
            String removed = null;
            for (JsonNode row : application.get("rows")) {
                if (row.get("payloadType").asText().endsWith("PortfolioEntryRemoved")) {
                    removed = row.at("/payload/entryId").asText();
                }
            }

            Response correction = applicant.put("/api/applications/" + id + "/portfolio/trainings/" + removed,
                    Map.of("title", "Extra", "provider", "MassAIMH", "attendedOn", "2022-04-01", "hours", 3,
                            "domains", List.of("THINKING")));
            assertThat(correction.status()).isEqualTo(404);
            Response sameRater = nameRater(id, "Rater 2", "rater2-" + applicantId + "@example.org", "OTHER", false);
            assertThat(sameRater.status()).isEqualTo(409);
            assertThat(sameRater.at("/rule")).isEqualTo("rater-named-already");
            assertThat(nameRater(id, "Rater 1", "rater1-" + applicantId + "@example.org", "CURRENT_SUPERVISOR", false)
                    .status()).as("the replaced rater may be asked again").isEqualTo(201);
            Response submitted = applicant.post("/api/applications/" + id + "/submission", null);
            assertThat(submitted.status()).isEqualTo(409);
            assertThat(submitted.at("/rule")).isEqualTo("requirements-unmet");
            List<String> lacking = new ArrayList<>();
            applicant.get("/api/applications/" + id + "/requirements").body().forEach(requirement -> {
                if (!requirement.get("met").asBoolean()) {
                    lacking.add(requirement.get("detail").asText());
                }
            });
            assertThat(submitted.body().get("unmet").findValuesAsText("detail")).isNotEmpty()
                    .containsExactlyElementsOf(lacking);
        }
    }

    /** An association's admin brings its current endorsees onto the platform from its current system's CSV export. */
    @Nested
    class EndorseeImport {

        static final String HEADER =
                "endorsement_number,name,email,category,endorsed_since,valid_through,status,provides_rsc,ers_add_on\n";
        /** Four good rows (one over two lines), then one row per rule, and a row with two problems. */
        static final String FILE = "\uFEFF" + HEADER
                + "MA-L-1001,\"Lima, Ana\",ana.lima@example.org,IMHM-C,2015-06-01,2027-12-31,ACTIVE,yes,no\n"
                + "MA-L-1002,Zoë Ñúñez 山田,Zoe@Example.org,IFS,6/30/2019,12/31/2025,LAPSED,no,yes\n"
                + "MA-L-1003,\"Kim \"\"KJ\"\" Lee\nsecond line\",kim@example.org,IFA,2020-01-15,2027-12-31,INACTIVE,no,no\n"
                + "MA-L-1004,\"=HYPERLINK(\"\"http://evil.example\"\",\"\"x\"\")\",hyper@example.org,IFA,2020-01-01,"
                + "2027-12-31,ACTIVE,,\n"
                + "MA-L-1005,Bad Category,bc@example.org,XYZ,2020-01-01,2027-12-31,ACTIVE,no,no\n"
                + "MA-L-1006,Bad Date,bd@example.org,IFA,2020-13-01,2027-12-31,ACTIVE,no,no\n"
                + "MA-L-1007,Backwards,bw@example.org,IFA,2024-01-01,2023-12-31,ACTIVE,no,no\n"
                + "MA-L-1001,Again Ana,again@example.org,IFA,2015-06-01,2027-12-31,ACTIVE,no,no\n"
                + "MA-P-0101,Held Number,held@example.org,IFA,2015-06-01,2027-12-31,ACTIVE,no,no\n"
                + "MA-L-1008,No Email,,IFA,2020-01-01,2027-12-31,ACTIVE,no,no\n"
                + "MA-L-1009,Bad Email,not-an-email,IFA,2020-01-01,2027-12-31,ACTIVE,no,no\n"
                + "WA-L-1010,Other Association,o@example.org,IFA,2020-01-01,2027-12-31,ACTIVE,no,no\n"
                + "MA-000777,Platform Form,p@example.org,IFA,2020-01-01,2027-12-31,ACTIVE,no,no\n"
                + "MA-L-1011,Not A Provider,np@example.org,IFS,2020-01-01,2027-12-31,ACTIVE,yes,no\n"
                + "MA-L-1012,Revoked Status,st@example.org,IFA,2020-01-01,2027-12-31,REVOKED,no,no\n"
                + "MA-L-1013,Two Problems,,IFA,2020-01-01,2027-12-31,ACTIVE,maybe,no\n";
        static final List<String> GOOD = List.of("MA-L-1001", "MA-L-1002", "MA-L-1003", "MA-L-1004");
        static final List<String> PROBLEMS = List.of(
                "7 category unknown-category", "8 endorsed_since date",
                "9 valid_through valid-through-before-endorsed-since", "10 endorsement_number duplicate-in-file",
                "11 endorsement_number number-held", "12 email required", "13 email email",
                "14 endorsement_number number-format", "15 endorsement_number number-reserved",
                "16 provides_rsc rsc-provider-needs-category-or-ers", "17 status unknown-status",
                "18 email required", "18 provides_rsc yes-or-no");
        static final Map<String, String> CSV = Map.of("Content-Type", "text/csv");

        ApiClient admin;

        @BeforeEach
        void theAssociationsAdmin() {
            admin = ApiClient.onPort(port).as("ma", "admin-ma", "TENANT_ADMIN");
        }

        @Autowired
        org.iecmh.endorsement.application.endorsees.Endorsees views;

        @Test
        void aDryRunReportsEveryRowsProblemsByLineColumnAndRuleAndWritesNothing() {
            int before = jdbc.queryForObject("SELECT count(*) FROM domain_event_entry", Integer.class);

            Response report = admin.post("/api/applications/endorsee-imports?dryRun=true", FILE, CSV);

            assertThat(report.status()).as(report.text()).isEqualTo(200);
            assertThat(report.at("/total")).isEqualTo("16");
            assertThat(report.at("/valid")).isEqualTo("4");
            assertThat(report.at("/fileSha256")).isEqualTo(sha256(FILE));
            assertThat(problems(report)).containsExactlyElementsOf(PROBLEMS);
            assertThat(report.at("/problems/3/message")).contains("line 2");
            assertThat(jdbc.queryForObject("SELECT count(*) FROM domain_event_entry", Integer.class))
                    .isEqualTo(before);
        }

        @Test
        void anImportMakesEachGoodRowAnEndorsementReportsTheBadOnesAndARunAgainChangesNothing() {
            Response started = admin.post("/api/applications/endorsee-imports", FILE, CSV);

            assertThat(started.status()).as(started.text()).isEqualTo(202);
            assertThat(started.at("/location")).isEqualTo("/api/applications/endorsee-imports/"
                    + started.at("/importId"));
            Response finished = finished(started);
            assertThat(finished.at("/total")).isEqualTo("16");
            assertThat(finished.at("/done")).isEqualTo("16");
            assertThat(finished.at("/imported")).isEqualTo("4");
            assertThat(finished.at("/unchanged")).isEqualTo("0");
            assertThat(finished.at("/failed")).isEqualTo("12");
            assertThat(finished.at("/importedBy")).isEqualTo("admin-ma");
            assertThat(problems(finished)).containsExactlyElementsOf(PROBLEMS);
            assertThat(eventsOf(GOOD)).isEqualTo(4);
            assertThat(eventsOf(List.of("MA-L-1005", "MA-L-1006", "MA-L-1007", "MA-L-1008", "MA-L-1009",
                    "WA-L-1010", "MA-000777", "MA-L-1011", "MA-L-1012", "MA-L-1013"))).isZero();
            assertThat(jdbc.queryForList("""
                    SELECT DISTINCT (payload ->> 'fileSha256') || ' ' || (payload ->> 'importedBy') || ' '
                                    || (meta_data ->> 'subject')
                    FROM event_log WHERE aggregate_identifier = ANY(?::varchar[])""", String.class,
                    (Object) GOOD.toArray(String[]::new))).containsExactly(sha256(FILE) + " admin-ma admin-ma");

            ConsumerRecord<byte[], byte[]> published = KafkaTopics.awaitFirst(kafkaPrefix + Topics.APPLICATIONS,
                    r -> EndorsementImported.TYPE.equals(KafkaTopics.header(r, "ce_type"))
                            && "MA-L-1004".equals(KafkaTopics.key(r)));
            assertThat(new String(published.value(), java.nio.charset.StandardCharsets.UTF_8))
                    .contains("\"endorseeName\":\"=HYPERLINK(\\\"http://evil.example\\\",\\\"x\\\")\"")
                    .contains("\"personId\":\"email:hyper@example.org\"");
            LocalDate today = LocalDate.of(2026, 11, 22);
            assertThat(views.endorsementsOf("ma", "email:ana.lima@example.org", today))
                    .extracting(held -> held.endorsementNumber() + " " + held.category().abbreviation())
                    .containsExactly("MA-L-1001 IMHM-C");
            assertThat(views.providerPeriods(List.of("MA-L-1001", "MA-L-1002", "MA-L-1003")))
                    .containsOnlyKeys("MA-L-1001", "MA-L-1002");

            Response again = finished(admin.post("/api/applications/endorsee-imports", FILE, CSV));
            assertThat(again.at("/imported")).isEqualTo("0");
            assertThat(again.at("/unchanged")).isEqualTo("4");
            assertThat(again.at("/failed")).isEqualTo("12");
            assertThat(eventsOf(GOOD)).isEqualTo(4);
            Response changedRow = admin.post("/api/applications/endorsee-imports?dryRun=true",
                    HEADER + "MA-L-1001,Ana Lima,ana.lima@example.org,IMHM-C,2015-06-01,2028-12-31,ACTIVE,yes,no\n",
                    CSV);
            assertThat(problems(changedRow)).containsExactly("2 endorsement_number number-imported-differently");
            assertThat(ApiClient.onPort(port).as("wa", "admin-wa", "TENANT_ADMIN")
                    .get("/api/applications/endorsee-imports/" + started.at("/importId")).status()).isEqualTo(404);
        }

        @Test
        void twoImportsOfTheSameFileAtOnceMakeEachEndorsementOnce() throws Exception {
            StringBuilder file = new StringBuilder(HEADER);
            List<String> numbers = new ArrayList<>();
            for (int i = 1; i <= 40; i++) {
                String number = String.format("MA-L-3%03d", i);
                numbers.add(number);
                file.append(number).append(",Endorsee ").append(i).append(",e").append(i)
                        .append("@example.org,IFA,2020-01-01,2027-12-31,ACTIVE,no,no\n");
            }
            ExecutorService two = Executors.newFixedThreadPool(2);
            try {
                Callable<Response> start = () -> admin.post("/api/applications/endorsee-imports", file.toString(), CSV);
                Future<Response> first = two.submit(start);
                Future<Response> second = two.submit(start);
                Response one = finished(first.get(30, TimeUnit.SECONDS));
                Response other = finished(second.get(30, TimeUnit.SECONDS));

                assertThat(Integer.parseInt(one.at("/imported")) + Integer.parseInt(other.at("/imported")))
                        .isEqualTo(40);
                assertThat(Integer.parseInt(one.at("/unchanged")) + Integer.parseInt(other.at("/unchanged")))
                        .isEqualTo(40);
                assertThat(one.at("/failed")).isEqualTo("0");
                assertThat(other.at("/failed")).isEqualTo("0");
                assertThat(eventsOf(numbers)).isEqualTo(40);
            } finally {
                two.shutdownNow();
            }
        }

        @Test
        void aFileThatIsNotAnEndorseeFileIsRefusedAsAWholeNamingTheRule() {
            Response binary = admin.post("/api/applications/endorsee-imports?dryRun=true", "PK\u0003\u0004\u0000\u0000",
                    CSV);
            Response unclosedQuote = admin.post("/api/applications/endorsee-imports?dryRun=true",
                    HEADER + "MA-L-4001,\"Ana,ana@example.org,IFA,2020-01-01,2027-12-31,ACTIVE,no,no\n", CSV);
            Response renamed = admin.post("/api/applications/endorsee-imports?dryRun=true",
                    HEADER.replace("valid_through", "expires"), CSV);
            Response missing = admin.post("/api/applications/endorsee-imports",
                    HEADER.replace(",valid_through", ""), CSV);
            Response huge = admin.post("/api/applications/endorsee-imports", HEADER + "x".repeat(8_400_000), CSV);
            Response json = admin.post("/api/applications/endorsee-imports", Map.of("rows", List.of()));
            Response empty = admin.post("/api/applications/endorsee-imports", "", CSV);

            assertThat(List.of(binary, unclosedQuote, renamed, missing, huge, empty))
                    .allSatisfy(problem -> {
                        assertThat(problem.status()).as(problem.text()).isEqualTo(400);
                        assertThat(problem.contentType()).startsWith("application/problem+json");
                        assertThat(problem.at("/errors/0/field")).isEqualTo("file");
                    });
            assertThat(binary.at("/errors/0/rule")).isEqualTo("not-csv");
            assertThat(unclosedQuote.at("/errors/0/rule")).isEqualTo("not-csv");
            assertThat(renamed.at("/errors/0/rule")).isEqualTo("header");
            assertThat(renamed.at("/errors/0/message")).contains("\"expires\"");
            assertThat(missing.at("/errors/0/rule")).isEqualTo("header");
            assertThat(missing.at("/errors/0/message")).contains("no column valid_through");
            assertThat(huge.at("/errors/0/rule")).isEqualTo("too-large");
            assertThat(empty.at("/errors/0/rule")).isEqualTo("empty");
            assertThat(json.status()).isEqualTo(415);
            assertThat(jdbc.queryForObject("SELECT count(*) FROM endorsee_import WHERE total = 0", Integer.class))
                    .isZero();
        }

        @Test
        void onlyTheAssociationsAdminImportsEndorsees() {
            for (String role : List.of("COORDINATOR", "APPLICANT", "AUDITOR", "PLATFORM_ADMIN")) {
                Response refused = ApiClient.onPort(port).as("ma", "someone", role)
                        .post("/api/applications/endorsee-imports?dryRun=true", FILE, CSV);
                assertThat(refused.status()).as(role).isEqualTo(403);
            }
            assertThat(ApiClient.onPort(port).post("/api/applications/endorsee-imports", FILE, CSV).status())
                    .isEqualTo(401);
        }

        @Test
        void anImportedEndorseeWhoClaimedTheirEndorsementReviewsAsTheSubjectTheySignInWith() {
            String file = HEADER + "MA-L-1101,Rae Claim,Rae.Claim@example.org,IMHS,2016-01-01,2027-12-31,ACTIVE,yes,no\n";
            assertThat(finished(admin.post("/api/applications/endorsee-imports", file, CSV)).at("/imported"))
                    .isEqualTo("1");
            String id = inReview("Claimed Reviewer", "IFA");
            String reviewers = "/api/applications/" + id + "/reviewers";
            Response beforeClaim = coordinator.post(reviewers,
                    Map.of("reviewers", List.of("reviewer-claimant", "reviewer-kim")));
            assertThat(beforeClaim.at("/rule")).isEqualTo("reviewer-not-endorsed");

            EndorsementClaimed claimed = new EndorsementClaimed("ma", "MA-L-1101", "reviewer-claimant", NOW);
            publisher.publish(claimed, new GenericEventMessage<>(claimed, Map.of(AuditMetadata.TENANT, "ma")));
            publisher.publish(claimed, new GenericEventMessage<>(claimed, Map.of(AuditMetadata.TENANT, "ma")));

            await().atMost(Duration.ofSeconds(30)).until(() -> coordinator.post(reviewers,
                    Map.of("reviewers", List.of("reviewer-claimant", "reviewer-kim"))).status() == 200);
            LocalDate today = LocalDate.of(2026, 11, 22);
            assertThat(views.endorsementsOf("ma", "reviewer-claimant", today))
                    .extracting(held -> held.endorsementNumber()).containsExactly("MA-L-1101");
            assertThat(views.endorsementsOf("ma", "email:rae.claim@example.org", today)).isEmpty();
        }

        @Test
        void aRebuildOfManyEndorseesGivesTheRowsTheirEventsGaveAsTheyHappened() {
            // Enough of each kind for a rebuild to send them as INSERTs of many rows, with rows left over.
            StringBuilder file = new StringBuilder(HEADER);
            for (int i = 0; i < 300; i++) {
                boolean provider = i % 3 == 0;
                file.append(String.format(Locale.ROOT, "MA-R-%04d,Rebuilt Endorsee %d,rebuilt.%d@example.org,%s,"
                        + "2016-01-01,2027-12-31,ACTIVE,%s,no%n", i, i, i, provider ? "IMHS" : "IFS",
                        provider ? "yes" : "no"));
            }
            assertThat(finished(admin.post("/api/applications/endorsee-imports", file.toString(), CSV))
                    .at("/imported")).isEqualTo("300");
            for (int i = 0; i < 150; i++) {
                assertThat(admin.post("/api/applications/prior-endorsements", Map.of("endorsementNumber",
                        String.format(Locale.ROOT, "MA-Q-%04d", i), "subject", "prior-" + i, "name", "Prior " + i,
                        "category", i % 2 == 0 ? "IMHS" : "IFA", "endorsedSince", "2016-01-01")).status())
                        .isEqualTo(201);
            }
            EndorsementClaimed claimed = new EndorsementClaimed("ma", "MA-R-0007", "rebuilt-claimant", NOW);
            publisher.publish(claimed, new GenericEventMessage<>(claimed, Map.of(AuditMetadata.TENANT, "ma")));
            LocalDate today = LocalDate.of(2026, 11, 22);
            await().atMost(Duration.ofSeconds(30))
                    .until(() -> !views.endorsementsOf("ma", "rebuilt-claimant", today).isEmpty());
            List<Map<String, Object>> before = readModelRows();

            Response rebuilt = rebuildApplicationView();

            assertThat(rebuilt.at("/status")).as(rebuilt.text()).isEqualTo("DONE");
            assertThat(readModelRows()).isEqualTo(before);
            assertThat(jdbc.queryForMap("SELECT * FROM endorsee WHERE endorsement_number = 'MA-R-0007'"))
                    .containsEntry("subject", "rebuilt-claimant").containsEntry("email", "rebuilt.7@example.org")
                    .containsEntry("category", "IFS");
            assertThat(jdbc.queryForObject("SELECT count(*) FROM endorsee WHERE endorsement_number LIKE 'MA-R-%'"
                    + " AND import_fingerprint IS NOT NULL AND subject LIKE 'email:rebuilt.%'", Integer.class))
                    .isEqualTo(299);
            assertThat(jdbc.queryForObject("SELECT count(*) FROM supervision_provider"
                    + " WHERE endorsement_number LIKE 'MA-R-%' OR endorsement_number LIKE 'MA-Q-%'", Integer.class))
                    .isEqualTo(100 + 75);
        }

        private Response finished(Response started) {
            assertThat(started.status()).as(started.text()).isEqualTo(202);
            String location = started.at("/location");
            await().atMost(Duration.ofSeconds(60)).until(() -> "FINISHED".equals(admin.get(location).at("/status")));
            return admin.get(location);
        }

        private List<String> problems(Response report) {
            List<String> found = new ArrayList<>();
            report.body().get("problems").forEach(p -> found.add(p.get("line").asText() + " "
                    + p.get("column").asText() + " " + p.get("rule").asText()));
            return found;
        }

        private int eventsOf(List<String> numbers) {
            return jdbc.queryForObject("""
                    SELECT count(*) FROM domain_event_entry WHERE aggregate_identifier = ANY(?::varchar[])
                    AND payload_type LIKE '%.EndorsementImported'""", Integer.class,
                    (Object) numbers.toArray(String[]::new));
        }

        private static String sha256(String text) throws IllegalStateException {
            try {
                return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
                        .digest(text.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
            } catch (java.security.NoSuchAlgorithmException e) {
                throw new IllegalStateException(e);
            }
        }
    }
}
