package org.iecmh.endorsement.application.lifecycle;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.IntNode;
import org.assertj.core.api.InstanceOfAssertFactories;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.serialization.Serializer;
import org.iecmh.endorsement.application.ServiceTestBase;
import org.iecmh.endorsement.application.lifecycle.Application;
import org.iecmh.endorsement.kit.audit.EventChain;
import org.iecmh.endorsement.kit.eventstore.AggregateReplay;
import org.iecmh.endorsement.testkit.ApiClient.Response;
import org.iecmh.endorsement.testkit.ApiClient;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The Application aggregate as it is stored: snapshots, and streams stored before its members. */
public class ApplicationStorageServiceTest extends ServiceTestBase {

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

    /**
     * Five applications as the service stored them before each feature owned its rules
     * ({@code event-fixtures/application-streams-2026-12.json}: the rows of {@code domain_event_entry} and the views
     * then shown). Loaded into this store, they give the same views, and the next commands behave as they did.
     */
    @Nested
    public class AStoreWrittenBeforeTheFeaturesOwnedTheirRules {

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

}
