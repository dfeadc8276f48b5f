package org.iecmh.endorsement.renewal.transfer;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.iecmh.endorsement.contracts.EndorsementTransferred;
import org.iecmh.endorsement.kit.messaging.CloudEventHeaders;
import org.iecmh.endorsement.renewal.RenewalServiceTestBase;
import org.iecmh.endorsement.testkit.ApiClient.Response;
import org.iecmh.endorsement.testkit.ApiClient;
import org.iecmh.endorsement.testkit.KafkaTopics;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Moving state: a transfer asked for, accepted by the receiving association, and renewed there. */
class TransferServiceTest extends RenewalServiceTestBase {

    @Test
    void aTransferToAnAssociationTheServiceHasNotReceivedIsRefusedNamingTheFieldAndLeavesNoEvent() {
        grant("ma", "MA-000202", "person-202", "IFA", LocalDate.of(2027, 12, 31));

        Response refused = ApiClient.onPort(port).as("ma", "person-202", "APPLICANT")
                .post("/api/endorsements/MA-000202/transfer", Map.of("toTenantId", "zz"));

        assertThat(refused.status()).as(refused.text()).isEqualTo(400);
        assertThat(refused.at("/errors/0/field")).isEqualTo("toTenantId");
        assertThat(refused.at("/errors/0/rule")).isEqualTo("unknown-association");
        assertThat(countEvents("MA-000202", "TransferRequested")).isZero();
    }

    @Test
    void aMassachusettsEndorseeMovesToWashingtonWhoseCoordinatorAcceptsAndItRenewsThereUnderTheSameNumber() {
        grant("ma", "MA-000051", "person-51", "IFA", LocalDate.of(2027, 12, 31));
        ApiClient endorsee = ApiClient.onPort(port).as("ma", "person-51", "APPLICANT");
        ApiClient maCoordinator = ApiClient.onPort(port).as("ma", "coordinator-ma", "COORDINATOR");
        ApiClient waCoordinator = ApiClient.onPort(port).as("wa", "coordinator-wa", "COORDINATOR");
        CLOCK.set(Instant.parse("2027-03-01T12:00:00Z"));

        assertThat(waCoordinator.post("/api/endorsements/MA-000051/transfer/acceptance", null).status()).isEqualTo(404);
        assertThat(endorsee.post("/api/endorsements/MA-000051/transfer", Map.of("toTenantId", "Washington"))
                .status()).isEqualTo(400);
        // A well-formed code of no association is refused naming the field, not answered as a missing endorsement.
        Response nowhere = endorsee.post("/api/endorsements/MA-000051/transfer", Map.of("toTenantId", "zz"));
        assertThat(nowhere.status()).isEqualTo(400);
        assertThat(nowhere.at("/errors/0/field")).isEqualTo("toTenantId");
        assertThat(nowhere.at("/errors/0/rule")).isEqualTo("unknown-association");
        assertThat(endorsee.post("/api/endorsements/MA-000051/transfer", Map.of("toTenantId", "wa"))
                .at("/transferTo")).isEqualTo("wa");
        assertThat(maCoordinator.post("/api/endorsements/MA-000051/transfer/acceptance", null).status()).isEqualTo(404);
        // The receiving coordinator sees what waits for them before taking it on; nobody else in Washington does.
        assertThat(waCoordinator.get("/api/endorsements/MA-000051").at("/transferTo")).isEqualTo("wa");
        Response waiting = waCoordinator.get("/api/endorsements/transfers");
        assertThat(waiting.status()).isEqualTo(200);
        assertThat(waiting.text()).contains("MA-000051");
        assertThat(maCoordinator.get("/api/endorsements/transfers").text()).doesNotContain("MA-000051");
        assertThat(ApiClient.onPort(port).as("wa", "auditor-wa", "AUDITOR").get("/api/endorsements/MA-000051")
                .status()).isEqualTo(404);
        assertThat(waCoordinator.post("/api/endorsements/MA-000051/renewal/approval", null).status()).isEqualTo(404);
        assertThat(ApiClient.onPort(port).as("wa", "someone", "APPLICANT")
                .post("/api/endorsements/MA-000051/transfer/acceptance", null).status()).isEqualTo(403);

        Response accepted = waCoordinator.post("/api/endorsements/MA-000051/transfer/acceptance", null);
        assertThat(accepted.status()).isEqualTo(200);
        assertThat(accepted.at("/tenantId")).isEqualTo("wa");
        assertThat(accepted.at("/endorsementNumber")).isEqualTo("MA-000051");
        assertThat(maCoordinator.get("/api/endorsements/MA-000051").status()).isEqualTo(404);
        assertThat(waCoordinator.get("/api/endorsements/transfers").text()).doesNotContain("MA-000051");
        // The endorsee still signs in with Massachusetts and keeps their endorsement wherever it is now.
        Response own = endorsee.get("/api/endorsements/MA-000051");
        assertThat(own.status()).isEqualTo(200);
        assertThat(own.at("/tenantId")).isEqualTo("wa");
        ConsumerRecord<byte[], byte[]> published = awaitPublished(EndorsementTransferred.TYPE, "MA-000051");
        assertThat(KafkaTopics.header(published, CloudEventHeaders.TENANT)).isEqualTo("wa");
        assertThat(new String(published.value(), StandardCharsets.UTF_8))
                .contains("\"fromTenantId\":\"ma\"").contains("\"toTenantId\":\"wa\"");
        assertThat(jdbc.queryForList("SELECT meta_data ->> 'tenantId' FROM event_log WHERE aggregate_identifier = ? "
                + "ORDER BY sequence_number", String.class, "MA-000051")).containsExactly("ma", "ma", "wa");

        // Washington's window (October 1 - December 31) and its renewal to the close of its next window apply now.
        ApiClient movedEndorsee = endorsee;
        membership("wa", "person-51", LocalDate.of(2027, 12, 31));
        await().atMost(Duration.ofSeconds(30)).until(() -> countEvents("MA-000051", "MembershipRecorded") == 1);
        CLOCK.set(Instant.parse("2027-06-01T12:00:00Z"));
        assertThat(movedEndorsee.post("/api/endorsements/MA-000051/trainings",
                Map.of("title", "Observation", "attendedOn", "2027-05-01", "hours", 15)).status()).isEqualTo(200);
        assertThat(jdbc.queryForObject("SELECT meta_data ->> 'tenantId' FROM event_log WHERE aggregate_identifier = ? "
                + "AND payload_type LIKE '%TrainingRecorded'", String.class, "MA-000051")).isEqualTo("wa");
        sweepOn(LocalDate.of(2027, 10, 1));
        assertThat(movedEndorsee.post("/api/endorsements/MA-000051/renewal", null).at("/renewal")).isEqualTo("SUBMITTED");
        assertThat(waCoordinator.post("/api/endorsements/MA-000051/renewal/approval", null).at("/validThrough"))
                .isEqualTo("2030-12-31");
    }
}
