package org.iecmh.endorsement.renewal.submission;

import jakarta.mail.internet.MimeMessage;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericEventMessage;
import org.iecmh.endorsement.contracts.EndorsementRenewed;
import org.iecmh.endorsement.contracts.InvoicePaid;
import org.iecmh.endorsement.contracts.LateRenewalFeeCharged;
import org.iecmh.endorsement.contracts.Money;
import org.iecmh.endorsement.contracts.Topics;
import org.iecmh.endorsement.kit.audit.AuditMetadata;
import org.iecmh.endorsement.kit.messaging.CloudEventHeaders;
import org.iecmh.endorsement.renewal.RenewalServiceTestBase;
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

/** Renewal: a full cycle logged, reminded and renewed, and a late renewal's fee. */
class RenewalSubmissionServiceTest extends RenewalServiceTestBase {

    @Test
    void aWashingtonEndorseeLogsEveryYearIsRemindedAndRenewsThroughAFullThreeYearCycle() throws Exception {
        grant("wa", "WA-000003", "provider-3", "IMHM-C", LocalDate.of(2033, 12, 31));
        grant("wa", "WA-000021", "person-21", "IMHS", LocalDate.of(2027, 12, 31));
        ApiClient endorsee = ApiClient.onPort(port).as("wa", "person-21", "APPLICANT");
        ApiClient coordinator = ApiClient.onPort(port).as("wa", "coordinator-wa", "COORDINATOR");

        CLOCK.set(Instant.parse("2027-06-01T12:00:00Z"));
        assertThat(endorsee.put("/api/endorsements/WA-000021/email-address", Map.of("emailAddress", "not-an-address"))
                .status()).isEqualTo(400);
        // Named from the Spanish pages: the endorsee's mail is in Spanish from now on.
        assertThat(endorsee.withHeaders(Map.of("Accept-Language", "es-US,es;q=0.9,en;q=0.5"))
                .put("/api/endorsements/WA-000021/email-address", Map.of("emailAddress", "person-21@example.org"))
                .at("/emailAddress")).isEqualTo("person-21@example.org");
        Response peer = endorsee.post("/api/endorsements/WA-000021/reflective-supervision",
                Map.of("providerNumber", "WA-000021", "sessionOn", "2027-05-15", "hours", 12));
        assertThat(peer.status()).isEqualTo(409);
        assertThat(peer.at("/rule")).isEqualTo("rsc-provider-is-endorsee");
        Response unknown = endorsee.post("/api/endorsements/WA-000021/reflective-supervision",
                Map.of("providerNumber", "WA-000999", "sessionOn", "2027-05-15", "hours", 12));
        assertThat(unknown.at("/rule")).isEqualTo("rsc-provider-not-endorsed");
        Response negative = endorsee.post("/api/endorsements/WA-000021/trainings",
                Map.of("title", "Observation", "attendedOn", "2027-05-01", "hours", -3));
        assertThat(negative.status()).isEqualTo(400);
        assertThat(negative.text()).contains("hours").contains("DecimalMin");
        logYear(endorsee, 2027);
        membership("wa", "person-21", LocalDate.of(2027, 12, 31));
        await().atMost(Duration.ofSeconds(30)).until(() ->
                "true".equals(endorsee.get("/api/endorsements/WA-000021/progress").at("/met")));

        // "Several reminders before each renewal period": 60, 30 and 7 days before October 1.
        for (LocalDate day : List.of(LocalDate.of(2027, 8, 1), LocalDate.of(2027, 8, 2), LocalDate.of(2027, 9, 1),
                LocalDate.of(2027, 9, 24))) {
            sweepOn(day);
        }
        assertThat(countEvents("WA-000021", "RenewalReminderDue")).isEqualTo(3);
        CLOCK.set(Instant.parse("2027-09-30T12:00:00Z"));
        Response tooEarly = endorsee.post("/api/endorsements/WA-000021/renewal", null);
        assertThat(tooEarly.status()).isEqualTo(409);
        assertThat(tooEarly.at("/rule")).isEqualTo("renewal-window-closed");
        sweepOn(LocalDate.of(2027, 10, 1));
        assertThat(countEvents("WA-000021", "RenewalWindowOpened")).isEqualTo(1);
        assertThat(countEvents("WA-000021", "RenewalReminderDue")).isEqualTo(3);
        await().atMost(Duration.ofSeconds(30)).until(() -> reminders("person-21@example.org").size() == 4);
        List<MimeMessage> firstCycle = reminders("person-21@example.org");
        assertThat(firstCycle.get(0).getSubject())
                .isEqualTo("Acreditación WA-000021: la renovación abre el 1 de octubre de 2027");
        assertThat(SmtpServer.plainText(firstCycle.get(0))).contains("dentro de 60 días")
                .contains("https://gateway.test/endorsement.html?number=WA-000021")
                .contains("Center for Early Relational Health").contains("Atentamente");
        assertThat(SmtpServer.html(firstCycle.get(0)))
                .contains("<a href=\"https://gateway.test/endorsement.html?number=WA-000021\">");
        assertThat(firstCycle.get(3).getSubject())
                .isEqualTo("Acreditación WA-000021: el período de renovación está abierto");
        assertThat(SmtpServer.plainText(firstCycle.get(3))).contains("abrió el 1 de octubre de 2027");
        assertThat(endorsee.post("/api/endorsements/WA-000021/renewal/approval", null).status()).isEqualTo(403);
        assertThat(endorsee.post("/api/endorsements/WA-000021/renewal", null).at("/renewal")).isEqualTo("SUBMITTED");
        Response blank = coordinator.post("/api/endorsements/WA-000021/renewal/return", "{\"comments\": \"\"}");
        assertThat(blank.status()).isEqualTo(400);
        assertThat(blank.text()).contains("comments").contains("NotBlank");
        assertThat(coordinator.post("/api/endorsements/WA-000021/renewal/return",
                "{\"comments\": \"Add the RSC log for 2027\"}").at("/renewal")).isEqualTo("RETURNED");
        // The endorsee reads the comments on the endorsement until they submit again.
        assertThat(endorsee.get("/api/endorsements/WA-000021").at("/renewalComments"))
                .isEqualTo("Add the RSC log for 2027");
        Response again = endorsee.post("/api/endorsements/WA-000021/renewal", null);
        assertThat(again.status()).isEqualTo(200);
        assertThat(again.body().get("renewalComments").isNull()).isTrue();
        assertThat(ApiClient.onPort(port).as("ma", "coordinator-ma", "COORDINATOR")
                .post("/api/endorsements/WA-000021/renewal/approval", null).status()).isEqualTo(404);
        assertThat(coordinator.post("/api/endorsements/WA-000021/renewal/approval", null).at("/validThrough"))
                .isEqualTo("2030-12-31");
        // Each step of the renewal is mailed too, in the endorsee's language: received, returned, received, renewed.
        await().atMost(Duration.ofSeconds(30)).until(() -> RealInfrastructure.smtp()
                .receivedFor("person-21@example.org").size() == 8);
        List<MimeMessage> renewal = RealInfrastructure.smtp().receivedFor("person-21@example.org").subList(4, 8);
        assertThat(renewal).extracting(MimeMessage::getSubject).containsExactly(
                "Acreditación WA-000021: recibimos su renovación",
                "Acreditación WA-000021: su renovación necesita cambios",
                "Acreditación WA-000021: recibimos su renovación",
                "La acreditación WA-000021 está renovada");
        assertThat(SmtpServer.plainText(renewal.get(1))).contains("Add the RSC log for 2027");
        assertThat(SmtpServer.plainText(renewal.get(3))).contains("es válida hasta el 31 de diciembre de 2030")
                .contains("https://gateway.test/endorsement.html?number=WA-000021");
        sweepOn(LocalDate.of(2028, 1, 2));
        assertThat(coordinator.get("/api/endorsements/WA-000021").at("/status")).isEqualTo("ACTIVE");

        // The next cycle asks for three years: 2028, 2029 and 2030, each covered by the membership.
        membership("wa", "person-21", LocalDate.of(2028, 1, 1), LocalDate.of(2030, 12, 31));
        // Recorded before the endorsee logs on, so that the two do not race for the endorsement's next event.
        await().atMost(Duration.ofSeconds(30)).until(() -> countEvents("WA-000021", "MembershipRecorded") == 2);
        logYear(endorsee, 2028);
        CLOCK.set(Instant.parse("2029-12-31T12:00:00Z"));
        Response progress = endorsee.get("/api/endorsements/WA-000021/progress");
        assertThat(progress.at("/years/0/year")).isEqualTo("2028");
        assertThat(progress.at("/years/0/requirements/0/met")).isEqualTo("true");
        assertThat(progress.at("/years/1/year")).isEqualTo("2029");
        assertThat(progress.at("/years/1/requirements/0/detail")).isEqualTo("0 of 15 hours");
        assertThat(progress.at("/years/2/year")).isEqualTo("2030");
        logYear(endorsee, 2029);
        logYear(endorsee, 2030);
        for (LocalDate day : List.of(LocalDate.of(2030, 8, 2), LocalDate.of(2030, 9, 1), LocalDate.of(2030, 9, 24),
                LocalDate.of(2030, 10, 1), LocalDate.of(2030, 12, 17))) {
            sweepOn(day);
        }
        assertThat(countEvents("WA-000021", "RenewalReminderDue")).isEqualTo(7);
        await().atMost(Duration.ofSeconds(30)).until(() -> reminders("person-21@example.org").size() == 9);
        MimeMessage last = reminders("person-21@example.org").get(8);
        assertThat(last.getSubject()).isEqualTo("Acreditación WA-000021: renueve antes del 31 de diciembre de 2030");
        assertThat(SmtpServer.plainText(last)).contains("dentro de 14 días");
        assertThat(endorsee.get("/api/endorsements/WA-000021/progress").at("/met")).isEqualTo("true");
        assertThat(endorsee.post("/api/endorsements/WA-000021/renewal", null).at("/renewal")).isEqualTo("SUBMITTED");
        assertThat(coordinator.post("/api/endorsements/WA-000021/renewal/approval", null).at("/validThrough"))
                .isEqualTo("2033-12-31");
        await().atMost(Duration.ofSeconds(30)).until(() -> KafkaTopics.everythingOn(kafkaPrefix + Topics.ENDORSEMENTS)
                .stream().filter(r -> EndorsementRenewed.TYPE.equals(KafkaTopics.header(r, CloudEventHeaders.TYPE))
                        && "WA-000021".equals(KafkaTopics.key(r))).count() == 2);
        assertThat(new String(awaitPublished(EndorsementRenewed.TYPE, "WA-000021").value(), StandardCharsets.UTF_8))
                .contains("\"validThrough\":\"2030-12-31\"");
    }

    @Test
    void aRenewalInTheGracePeriodIsChargedTheLateFeeWhichPaymentServiceBillsAndTheApprovalWaitsForItsPayment() {
        grant("ty", "TY-000091", "person-91", "IFA", LocalDate.of(2027, 12, 31));
        ApiClient endorsee = ApiClient.onPort(port).as("ty", "person-91", "APPLICANT");
        ApiClient coordinator = ApiClient.onPort(port).as("ty", "coordinator-ty", "COORDINATOR");
        CLOCK.set(Instant.parse("2027-06-01T12:00:00Z"));
        endorsee.post("/api/endorsements/TY-000091/trainings",
                Map.of("title", "Equity and belonging", "attendedOn", "2027-05-01", "hours", 15, "deiHours", 3));
        endorsee.post("/api/endorsements/TY-000091/code-of-ethics", null);
        membership("ty", "person-91", LocalDate.of(2027, 12, 31));
        await().atMost(Duration.ofSeconds(30)).until(() -> countEvents("TY-000091", "MembershipRecorded") == 1);
        sweepOn(LocalDate.of(2027, 10, 1));

        CLOCK.set(Instant.parse("2028-01-10T12:00:00Z"));
        Response submitted = endorsee.post("/api/endorsements/TY-000091/renewal", null);
        assertThat(submitted.at("/renewal")).isEqualTo("SUBMITTED");
        assertThat(submitted.at("/lateFee")).isEqualTo("DUE");
        assertThat(submitted.at("/lateFeeInvoiceId")).isEqualTo("INV-LATE-RENEWAL-TY-000091-2027");
        ConsumerRecord<byte[], byte[]> charged = awaitPublished(LateRenewalFeeCharged.TYPE, "TY-000091");
        assertThat(KafkaTopics.header(charged, CloudEventHeaders.TENANT)).isEqualTo("ty");
        assertThat(new String(charged.value(), StandardCharsets.UTF_8))
                .contains("\"invoiceId\":\"INV-LATE-RENEWAL-TY-000091-2027\"")
                .contains("\"fee\":{\"cents\":2500,\"currency\":\"USD\"}")
                .contains("\"personId\":\"person-91\"");
        Response unpaid = coordinator.post("/api/endorsements/TY-000091/renewal/approval", null);
        assertThat(unpaid.status()).isEqualTo(409);
        assertThat(unpaid.at("/rule")).isEqualTo("late-fee-unpaid");

        // payment-service bills the invoice and, once it is paid, says so on its topic.
        InvoicePaid paid = new InvoicePaid("ty", "INV-LATE-RENEWAL-TY-000091-2027", "person-91", null,
                Money.of(2_500, "USD"), Instant.parse("2028-01-12T09:00:00Z"));
        EventMessage<InvoicePaid> paidMessage = new GenericEventMessage<>(paid, Map.of(AuditMetadata.TENANT, "ty"));
        publisher.publish(paid, paidMessage);
        publisher.publish(paid, paidMessage);
        await().atMost(Duration.ofSeconds(30)).until(() ->
                "PAID".equals(coordinator.get("/api/endorsements/TY-000091").at("/lateFee")));

        Response renewed = coordinator.post("/api/endorsements/TY-000091/renewal/approval", null);
        assertThat(renewed.status()).as(renewed.text()).isEqualTo(200);
        assertThat(renewed.at("/validThrough")).isEqualTo("2028-12-31");
        assertThat(renewed.body().get("lateFee").isNull()).isTrue();
        assertThat(countEvents("TY-000091", "LateRenewalFeePaid")).isEqualTo(1);
        assertThat(countEvents("TY-000091", "LateRenewalFeeCharged")).isEqualTo(1);
    }
}
