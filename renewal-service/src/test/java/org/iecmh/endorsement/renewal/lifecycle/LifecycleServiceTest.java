package org.iecmh.endorsement.renewal.lifecycle;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericEventMessage;
import org.iecmh.endorsement.contracts.EndorsementGranted;
import org.iecmh.endorsement.contracts.EndorsementImported;
import org.iecmh.endorsement.contracts.EndorsementLapsed;
import org.iecmh.endorsement.contracts.EndorsementReactivated;
import org.iecmh.endorsement.contracts.EndorsementRevoked;
import org.iecmh.endorsement.contracts.Topics;
import org.iecmh.endorsement.kit.audit.AuditMetadata;
import org.iecmh.endorsement.kit.messaging.CloudEventHeaders;
import org.iecmh.endorsement.kit.messaging.DeadLetters;
import org.iecmh.endorsement.renewal.RenewalServiceApplication;
import org.iecmh.endorsement.renewal.RenewalServiceTestBase;
import org.iecmh.endorsement.testkit.ApiClient.Response;
import org.iecmh.endorsement.testkit.ApiClient;
import org.iecmh.endorsement.testkit.KafkaTopics;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.cloud.stream.binding.BindingsLifecycleController;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** An endorsement's life: granted or imported once, on hold and back, revoked. */
class LifecycleServiceTest extends RenewalServiceTestBase {

    @Test
    void aGrantedEndorsementBeginsItsLifeHereOnceEvenIfReportedTwice() {
        EventMessage<EndorsementGranted> granted = new GenericEventMessage<>(new EndorsementGranted("wa",
                "WA-000007", "app-7", "person-7", "Ana Lima", "IMHS", Instant.parse("2026-11-22T10:00:00Z"),
                LocalDate.of(2027, 12, 31), null), Map.of(AuditMetadata.TENANT, "wa"));

        publisher.publish(granted.getPayload(), granted);
        publisher.publish(granted.getPayload(), granted);

        ApiClient coordinator = ApiClient.onPort(port).as("wa", "coordinator-wa", "COORDINATOR");
        await().atMost(Duration.ofSeconds(30))
                .until(() -> coordinator.get("/api/endorsements/WA-000007").status() == 200);
        Response endorsement = coordinator.get("/api/endorsements/WA-000007");
        assertThat(endorsement.at("/status")).isEqualTo("ACTIVE");
        assertThat(endorsement.at("/endorsedSince")).isEqualTo("2026-11-22");
        assertThat(endorsement.at("/validThrough")).isEqualTo("2027-12-31");
        assertThat(endorsement.at("/category")).isEqualTo("IMHS");
        await().atMost(Duration.ofSeconds(30)).until(() -> jdbc.queryForObject(
                "SELECT count(*) FROM inbox WHERE event_id = ?", Integer.class, granted.getIdentifier()) == 1);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM domain_event_entry WHERE aggregate_identifier = ?",
                Integer.class, "WA-000007")).isEqualTo(1);
        assertThat(jdbc.queryForObject("SELECT meta_data ->> 'causationId' FROM event_log WHERE aggregate_identifier = ?",
                String.class, "WA-000007")).isEqualTo(granted.getIdentifier());

        assertThat(ApiClient.onPort(port).as("ma", "coordinator-ma", "COORDINATOR")
                .get("/api/endorsements/WA-000007").status()).isEqualTo(404);
        assertThat(ApiClient.onPort(port).as("wa", "someone-else", "APPLICANT")
                .get("/api/endorsements/WA-000007").status()).isEqualTo(404);
        assertThat(ApiClient.onPort(port).as("wa", "person-7", "APPLICANT")
                .get("/api/endorsements/WA-000007").status()).isEqualTo(200);
    }

    /**
     * Grants that reach the service together are taken in one poll and begun in one transaction, each once. One that
     * cannot begin an endorsement (its association is unknown here) fails that transaction: the grants are then taken
     * one at a time, that one waits on the group's dead-letter topic and the others begin all the same.
     */
    @Test
    void grantsThatArriveTogetherBeginOnceEachAndOneThatCannotWaitsOnTheDeadLetterTopic(
            @Autowired BindingsLifecycleController bindings) {
        List<EventMessage<EndorsementGranted>> grants = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            grants.add(granted("wa", String.format("WA-%06d", 700 + i)));
        }
        EventMessage<EndorsementGranted> unknown = granted("zz", "ZZ-000001");
        grants.add(15, unknown);

        bindings.stop("applicationEvents-in-0");
        try {
            grants.forEach(grant -> publisher.publish(grant.getPayload(), grant));
        } finally {
            bindings.start("applicationEvents-in-0");
        }

        String deadLetters = DeadLetters.deadLetterTopic(kafkaPrefix + Topics.APPLICATIONS,
                kafkaPrefix + RenewalServiceApplication.NAME);
        ConsumerRecord<byte[], byte[]> parked = KafkaTopics.awaitFirst(deadLetters,
                record -> unknown.getIdentifier().equals(KafkaTopics.header(record, CloudEventHeaders.ID)));
        assertThat(KafkaTopics.key(parked)).isEqualTo("ZZ-000001");
        await().atMost(Duration.ofSeconds(30)).until(() -> jdbc.queryForObject(
                "SELECT count(*) FROM endorsement_view WHERE endorsement_number BETWEEN 'WA-000700' AND 'WA-000729'",
                Integer.class) == 30);
        for (EventMessage<EndorsementGranted> grant : grants) {
            String number = grant.getPayload().endorsementNumber();
            int expected = grant == unknown ? 0 : 1;
            assertThat(jdbc.queryForObject("SELECT count(*) FROM domain_event_entry WHERE aggregate_identifier = ?",
                    Integer.class, number)).as(number).isEqualTo(expected);
            assertThat(jdbc.queryForObject("SELECT count(*) FROM inbox WHERE event_id = ?", Integer.class,
                    grant.getIdentifier())).as(number).isEqualTo(expected);
        }
        assertThat(KafkaTopics.everythingOn(deadLetters)).extracting(
                record -> KafkaTopics.header(record, CloudEventHeaders.ID)).containsExactly(unknown.getIdentifier());
    }

    private static EventMessage<EndorsementGranted> granted(String tenant, String number) {
        return new GenericEventMessage<>(new EndorsementGranted(tenant, number, "app-" + number, "person-" + number,
                "Endorsee " + number, "IMHS", Instant.parse("2026-11-22T10:00:00Z"), LocalDate.of(2027, 12, 31),
                null), Map.of(AuditMetadata.TENANT, tenant));
    }

    @Test
    void anEndorseeGoesOnHoldAndComesBackAndACoordinatorRevokesWithAReasonTheRegistryDoesNotSee() {
        grant("ma", "MA-000031", "person-31", "IMHS", LocalDate.of(2027, 12, 31));
        ApiClient endorsee = ApiClient.onPort(port).as("ma", "person-31", "APPLICANT");
        ApiClient coordinator = ApiClient.onPort(port).as("ma", "coordinator-ma", "COORDINATOR");
        CLOCK.set(Instant.parse("2027-03-01T12:00:00Z"));

        assertThat(endorsee.post("/api/endorsements/MA-000031/inactivation", null).at("/status")).isEqualTo("INACTIVE");
        CLOCK.set(Instant.parse("2028-03-01T12:00:00Z"));
        Response back = endorsee.post("/api/endorsements/MA-000031/reactivation", null);
        assertThat(back.at("/status")).isEqualTo("ACTIVE");
        assertThat(back.at("/validThrough")).isEqualTo("2028-12-31");
        awaitPublished(EndorsementReactivated.TYPE, "MA-000031");

        assertThat(endorsee.post("/api/endorsements/MA-000031/revocation", "{\"reason\": \"x\"}").status())
                .isEqualTo(403);
        Response revoked = coordinator.post("/api/endorsements/MA-000031/revocation",
                "{\"reason\": \"Code of ethics breach\"}");
        assertThat(revoked.at("/status")).isEqualTo("REVOKED");
        String published = new String(awaitPublished(EndorsementRevoked.TYPE, "MA-000031").value(),
                StandardCharsets.UTF_8);
        assertThat(published).doesNotContain("ethics");
        assertThat(coordinator.post("/api/endorsements/MA-000031/revocation", "{\"reason\": \"again\"}")
                .at("/rule")).isEqualTo("endorsement-revoked");
    }

    @Test
    void anImportedEndorsementLivesHereLikeAGrantedOneInItsStatusAndItsAddOnMakesItsHolderAProvider() {
        importEndorsement("MA-L-0201", "IFS", List.of("ERS"), "ACTIVE", LocalDate.of(2027, 12, 31));
        importEndorsement("MA-L-0202", "IMHS", List.of(), "LAPSED", LocalDate.of(2025, 12, 31));
        importEndorsement("MA-L-0203", "IFA", List.of(), "INACTIVE", LocalDate.of(2027, 12, 31));
        importEndorsement("MA-L-0201", "IFS", List.of("ERS"), "ACTIVE", LocalDate.of(2027, 12, 31));
        grant("ma", "MA-000211", "person-211", "IMHS", LocalDate.of(2027, 12, 31));
        ApiClient coordinator = ApiClient.onPort(port).as("ma", "coordinator-ma", "COORDINATOR");

        Response active = coordinator.get("/api/endorsements/MA-L-0201");
        assertThat(active.at("/status")).isEqualTo("ACTIVE");
        assertThat(active.at("/endorsedSince")).isEqualTo("2014-05-01");
        assertThat(active.at("/validThrough")).isEqualTo("2027-12-31");
        assertThat(coordinator.get("/api/endorsements/MA-L-0202").at("/status")).isEqualTo("LAPSED");
        assertThat(coordinator.get("/api/endorsements/MA-L-0203").at("/status")).isEqualTo("INACTIVE");
        assertThat(countEvents("MA-L-0201", "EndorsementActivated")).isEqualTo(1);
        assertThat(jdbc.queryForObject("""
                SELECT payload ->> 'fileSha256' FROM event_log WHERE aggregate_identifier = ?
                AND payload_type LIKE '%.EndorsementImported'""", String.class, "MA-L-0201")).isEqualTo(SHA);
        ConsumerRecord<byte[], byte[]> lapsed = KafkaTopics.awaitFirst(kafkaPrefix + Topics.ENDORSEMENTS,
                r -> EndorsementLapsed.TYPE.equals(KafkaTopics.header(r, "ce_type"))
                        && "MA-L-0202".equals(KafkaTopics.key(r)));
        assertThat(lapsed).isNotNull();

        CLOCK.set(Instant.parse("2027-02-01T12:00:00Z"));
        ApiClient endorsee = ApiClient.onPort(port).as("ma", "person-211", "ENDORSEE");
        Response withErs = endorsee.post("/api/endorsements/MA-000211/reflective-supervision",
                Map.of("providerNumber", "MA-L-0201", "sessionOn", "2027-01-10", "hours", 2));
        Response withLapsed = endorsee.post("/api/endorsements/MA-000211/reflective-supervision",
                Map.of("providerNumber", "MA-L-0202", "sessionOn", "2027-01-10", "hours", 2));

        assertThat(withErs.status()).as(withErs.text()).isEqualTo(200);
        assertThat(withLapsed.status()).isEqualTo(409);
        assertThat(withLapsed.at("/rule")).isEqualTo("rsc-provider-not-endorsed");
    }
}
