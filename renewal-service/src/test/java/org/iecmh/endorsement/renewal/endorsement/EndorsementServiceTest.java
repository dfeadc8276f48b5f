package org.iecmh.endorsement.renewal.endorsement;

import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.serialization.Serializer;
import org.iecmh.endorsement.kit.eventstore.AggregateReplay;
import org.iecmh.endorsement.renewal.RenewalServiceTestBase;
import org.iecmh.endorsement.renewal.StoredStreams;
import org.iecmh.endorsement.testkit.ApiClient;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.transaction.support.TransactionTemplate;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The Endorsement aggregate in the real event store: its snapshots, and streams stored before its features became
 * its parts.
 */
class EndorsementServiceTest extends RenewalServiceTestBase {

    @Test
    void anEndorsementKeptAsASnapshotComesBackAsEveryEventMakesIt(
            @Autowired EventStore eventStore, @Autowired @Qualifier("snapshotSerializer") Serializer snapshots) {
        grant("wa", "WA-000004", "provider-4", "IMHM-C", LocalDate.of(2033, 12, 31));
        grant("wa", "WA-000041", "person-41", "IMHS", LocalDate.of(2027, 12, 31));
        ApiClient endorsee = ApiClient.onPort(port).as("wa", "person-41", "APPLICANT");
        CLOCK.set(Instant.parse("2027-06-01T12:00:00Z"));
        endorsee.put("/api/endorsements/WA-000041/email-address", Map.of("emailAddress", "person-41@example.org"));
        logYear(endorsee, "WA-000041", "WA-000004", 2027);
        membership("wa", "person-41", LocalDate.of(2027, 12, 31));
        await().atMost(Duration.ofSeconds(30)).until(() ->
                "true".equals(endorsee.get("/api/endorsements/WA-000041/progress").at("/met")));
        sweepOn(LocalDate.of(2027, 11, 1));
        assertThat(endorsee.post("/api/endorsements/WA-000041/renewal", null).at("/renewal")).isEqualTo("SUBMITTED");

        Endorsement replayed = AggregateReplay.fromEveryEvent(eventStore, Endorsement.class, "WA-000041");
        Endorsement restored = AggregateReplay.throughSnapshot(snapshots, replayed);

        assertThat(restored).usingRecursiveComparison().isEqualTo(replayed);
        assertThat(replayed).hasFieldOrPropertyWithValue("renewal.standing.renewalSubmitted", true);
    }

    /**
     * Streams written before the endorsement's features became parts of the aggregate, stored as they were, make the
     * views they made then ({@code stored-streams/views-before-feature-members.txt}: the rows of then, one a line).
     */
    @Test
    void streamsStoredBeforeTheFeaturesBecamePartsOfTheEndorsementMakeTheViewsTheyMadeThen(
            @Autowired EventStore eventStore, @Autowired TransactionTemplate transaction) throws Exception {
        List<DomainEventMessage<?>> stored = new ArrayList<>();
        StoredStreams.NUMBERS.forEach(number -> stored.addAll(StoredStreams.stored(number)));
        transaction.executeWithoutResult(status -> eventStore.publish(stored));

        List<String> views = new ArrayList<>();
        jdbc.queryForList("SELECT * FROM endorsement_view WHERE endorsement_number IN (?, ?, ?, ?) "
                + "ORDER BY endorsement_number", StoredStreams.NUMBERS.toArray())
                .forEach(row -> views.add(row.toString()));
        jdbc.queryForList("SELECT * FROM provider_period WHERE endorsement_number IN (?, ?, ?, ?) ORDER BY 1, 2, 3, 4",
                StoredStreams.NUMBERS.toArray()).forEach(row -> views.add(row.toString()));
        try (var expected = getClass().getResourceAsStream("/stored-streams/views-before-feature-members.txt")) {
            assertThat(views).isEqualTo(new String(expected.readAllBytes(), StandardCharsets.UTF_8).lines().toList());
        }
    }
}
