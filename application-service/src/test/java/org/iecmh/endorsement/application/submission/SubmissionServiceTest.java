package org.iecmh.endorsement.application.submission;

import com.fasterxml.jackson.databind.JsonNode;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.iecmh.endorsement.application.ServiceTestBase;
import org.iecmh.endorsement.application.lifecycle.Application;
import org.iecmh.endorsement.contracts.ApplicationSubmitted;
import org.iecmh.endorsement.contracts.Topics;
import org.iecmh.endorsement.contracts.association.Association;
import org.iecmh.endorsement.kit.audit.ChainVerification;
import org.iecmh.endorsement.kit.audit.EventChain;
import org.iecmh.endorsement.testkit.ApiClient.Response;
import org.iecmh.endorsement.testkit.ApiClient;
import org.iecmh.endorsement.testkit.KafkaTopics;
import org.iecmh.endorsement.testkit.PublishedAssociations;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Starting and handing in an application, on the running service. */
public class SubmissionServiceTest extends ServiceTestBase {

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

}
