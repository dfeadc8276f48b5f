package org.iecmh.endorsement.application.review;

import com.fasterxml.jackson.databind.JsonNode;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.axonframework.eventhandling.GenericEventMessage;
import org.iecmh.endorsement.application.ServiceTestBase;
import org.iecmh.endorsement.contracts.ApplicationSubmitted;
import org.iecmh.endorsement.contracts.EndorsementGranted;
import org.iecmh.endorsement.contracts.EndorsementInactivated;
import org.iecmh.endorsement.contracts.EndorsementLapsed;
import org.iecmh.endorsement.contracts.EndorsementReactivated;
import org.iecmh.endorsement.contracts.InvoicePaid;
import org.iecmh.endorsement.contracts.Money;
import org.iecmh.endorsement.contracts.Topics;
import org.iecmh.endorsement.kit.audit.AuditMetadata;
import org.iecmh.endorsement.testkit.ApiClient.Response;
import org.iecmh.endorsement.testkit.ApiClient;
import org.iecmh.endorsement.testkit.KafkaTopics;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Review: fees paid, reviewers assigned, reviews and their outcome, the grant, on the running service. */
public class ReviewServiceTest extends ServiceTestBase {

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

}
