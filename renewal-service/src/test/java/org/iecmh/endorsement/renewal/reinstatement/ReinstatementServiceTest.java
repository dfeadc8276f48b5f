package org.iecmh.endorsement.renewal.reinstatement;

import jakarta.mail.internet.MimeMessage;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.axonframework.eventhandling.GenericEventMessage;
import org.iecmh.endorsement.contracts.EndorsementLapsed;
import org.iecmh.endorsement.contracts.EndorsementReactivated;
import org.iecmh.endorsement.contracts.InvoicePaid;
import org.iecmh.endorsement.contracts.Money;
import org.iecmh.endorsement.contracts.ReinstatementRequested;
import org.iecmh.endorsement.contracts.association.Association;
import org.iecmh.endorsement.kit.audit.AuditMetadata;
import org.iecmh.endorsement.kit.messaging.CloudEventHeaders;
import org.iecmh.endorsement.renewal.RenewalServiceTestBase;
import org.iecmh.endorsement.renewal.endorsement.Endorsement;
import org.iecmh.endorsement.testkit.ApiClient.Response;
import org.iecmh.endorsement.testkit.ApiClient;
import org.iecmh.endorsement.testkit.KafkaTopics;
import org.iecmh.endorsement.testkit.RealInfrastructure;
import org.iecmh.endorsement.testkit.SmtpServer;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Reinstatement after a lapse, with and without the association's fee. */
class ReinstatementServiceTest extends RenewalServiceTestBase {

    @Test
    void anUnrenewedMassachusettsEndorsementLapsesTheDayAfterItsGracePeriodAndIsReinstatedUnderItsOwnNumber() {
        grant("ma", "MA-000012", "provider-12", "IMHS", LocalDate.of(2033, 12, 31));
        grant("ma", "MA-000011", "person-11", "IFS", LocalDate.of(2027, 12, 31), "person-11@example.org");
        ApiClient coordinator = ApiClient.onPort(port).as("ma", "coordinator-ma", "COORDINATOR");

        sweepOn(LocalDate.of(2027, 9, 1));
        sweepOn(LocalDate.of(2027, 10, 1));
        assertThat(coordinator.get("/api/endorsements/MA-000011").at("/renewal")).isEqualTo("WINDOW_OPEN");
        for (LocalDate reminderDay : List.of(LocalDate.of(2027, 11, 1), LocalDate.of(2027, 12, 1),
                LocalDate.of(2027, 12, 24))) {
            sweepOn(reminderDay);
            sweepOn(reminderDay);
        }
        assertThat(countEvents("MA-000011", "RenewalReminderDue")).isEqualTo(3);
        sweepOn(LocalDate.of(2028, 1, 30));
        assertThat(coordinator.get("/api/endorsements/MA-000011").at("/status")).isEqualTo("ACTIVE");
        sweepOn(LocalDate.of(2028, 1, 31));

        Response lapsed = coordinator.get("/api/endorsements/MA-000011");
        assertThat(lapsed.at("/status")).isEqualTo("LAPSED");
        assertThat(lapsed.at("/statusSince")).isEqualTo("2028-01-31");
        ConsumerRecord<byte[], byte[]> published = awaitPublished(EndorsementLapsed.TYPE, "MA-000011");
        assertThat(KafkaTopics.header(published, CloudEventHeaders.TENANT)).isEqualTo("ma");
        assertThat(new String(published.value(), StandardCharsets.UTF_8)).contains("\"lapsedAt\":\"2028-01-31");
        assertThat(countEvents("MA-000011", "EndorsementLapsed")).isEqualTo(1);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM scheduled_step WHERE endorsement_number = ?",
                Integer.class, "MA-000011")).isZero();

        // Massachusetts charges no reinstatement fee: the years since the lapse and a coordinator decide.
        ApiClient endorsee = ApiClient.onPort(port).as("ma", "person-11", "APPLICANT");
        CLOCK.set(Instant.parse("2028-02-01T12:00:00Z"));
        assertThat(endorsee.post("/api/endorsements/MA-000011/reinstatement", null).at("/renewal"))
                .isEqualTo("REINSTATEMENT_REQUESTED");
        awaitPublished(ReinstatementRequested.TYPE, "MA-000011");
        Response tooSoon = coordinator.post("/api/endorsements/MA-000011/reinstatement/approval", null);
        assertThat(tooSoon.at("/rule")).isEqualTo("reinstatement-requirements-unmet");
        assertThat(tooSoon.at("/years/0/year")).isEqualTo("2028");
        logYear(endorsee, "MA-000011", "MA-000012", 2028);
        membership("ma", "person-11", LocalDate.of(2028, 12, 31));
        await().atMost(Duration.ofSeconds(30)).until(() -> countEvents("MA-000011", "MembershipRecorded") == 1);
        assertThat(endorsee.post("/api/endorsements/MA-000011/reinstatement/approval", null).status()).isEqualTo(403);

        Response reinstated = coordinator.post("/api/endorsements/MA-000011/reinstatement/approval", null);
        assertThat(reinstated.at("/status")).isEqualTo("ACTIVE");
        assertThat(reinstated.at("/validThrough")).isEqualTo("2028-12-31");
        assertThat(reinstated.at("/endorsedSince")).isEqualTo("2026-11-22");
        assertThat(new String(awaitPublished(EndorsementReactivated.TYPE, "MA-000011").value(), StandardCharsets.UTF_8))
                .contains("\"validThrough\":\"2028-12-31\"");
        // The next cycle begins with the reminder a month before its window opens.
        assertThat(jdbc.queryForObject("SELECT min(due_on) FROM scheduled_step WHERE endorsement_number = ?",
                LocalDate.class, "MA-000011")).isEqualTo(LocalDate.of(2028, 9, 1));
        // The endorsee, who named no language, heard of the lapse and the reinstatement in the association's first.
        await().atMost(Duration.ofSeconds(30)).until(() -> RealInfrastructure.smtp()
                .receivedFor("person-11@example.org").size() == 7);
        List<MimeMessage> mails = RealInfrastructure.smtp().receivedFor("person-11@example.org");
        assertThat(mails.subList(4, 7)).extracting(MimeMessage::getSubject).containsExactly(
                "Endorsement MA-000011 has lapsed",
                "Endorsement MA-000011: we received your request for reinstatement",
                "Endorsement MA-000011 is active again");
        assertThat(SmtpServer.plainText(mails.get(4))).contains("lapsed on January 31, 2028")
                .contains("Massachusetts Association for Infant Mental Health");
        assertThat(SmtpServer.plainText(mails.get(5))).doesNotContain("reinstatement fee");
        assertThat(SmtpServer.plainText(mails.get(6))).contains("valid through December 31, 2028");
    }

    @Test
    void aWashingtonReinstatementWaitsForItsFeeUntilPaymentServiceReportsTheInvoicePaid() {
        grant("wa", "WA-000061", "person-61", "IFA", LocalDate.of(2027, 12, 31));
        ApiClient endorsee = ApiClient.onPort(port).as("wa", "person-61", "APPLICANT");
        ApiClient coordinator = ApiClient.onPort(port).as("wa", "coordinator-wa", "COORDINATOR");
        sweepOn(LocalDate.of(2028, 1, 1));
        assertThat(coordinator.get("/api/endorsements/WA-000061").at("/status")).isEqualTo("LAPSED");

        CLOCK.set(Instant.parse("2028-06-01T12:00:00Z"));
        assertThat(endorsee.post("/api/endorsements/WA-000061/reinstatement", null).at("/renewal"))
                .isEqualTo("REINSTATEMENT_FEE_DUE");
        endorsee.post("/api/endorsements/WA-000061/trainings",
                Map.of("title", "Observation", "attendedOn", "2028-05-01", "hours", 15));
        endorsee.post("/api/endorsements/WA-000061/code-of-ethics", null);
        membership("wa", "person-61", LocalDate.of(2028, 12, 31));
        await().atMost(Duration.ofSeconds(30)).until(() -> countEvents("WA-000061", "MembershipRecorded") == 1);
        assertThat(coordinator.post("/api/endorsements/WA-000061/reinstatement/approval", null).at("/rule"))
                .isEqualTo("reinstatement-fee-unpaid");

        InvoicePaid paid = new InvoicePaid("wa", "INV-REINSTATEMENT-WA-000061-1", "person-61", null,
                Money.of(10_000, "USD"), Instant.parse("2028-06-02T09:00:00Z"));
        publisher.publish(paid, new GenericEventMessage<>(paid, Map.of(AuditMetadata.TENANT, "wa")));
        await().atMost(Duration.ofSeconds(30)).until(() ->
                "REINSTATEMENT_REQUESTED".equals(coordinator.get("/api/endorsements/WA-000061").at("/renewal")));

        Response reinstated = coordinator.post("/api/endorsements/WA-000061/reinstatement/approval", null);
        assertThat(reinstated.at("/status")).isEqualTo("ACTIVE");
        assertThat(reinstated.at("/validThrough")).isEqualTo("2030-12-31");
        assertThat(countEvents("WA-000061", "EndorsementReactivated")).isEqualTo(1);
    }
}
