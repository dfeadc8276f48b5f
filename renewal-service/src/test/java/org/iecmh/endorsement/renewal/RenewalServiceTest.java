package org.iecmh.endorsement.renewal;

import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericEventMessage;
import org.iecmh.endorsement.contracts.EndorsementGranted;
import org.iecmh.endorsement.kit.audit.AuditMetadata;
import org.iecmh.endorsement.kit.messaging.IntegrationEventPublisher;
import org.iecmh.endorsement.testkit.ApiClient;
import org.iecmh.endorsement.testkit.ApiClient.Response;
import org.iecmh.endorsement.testkit.WithRealInfrastructure;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.iecmh.endorsement.contracts.EndorsementLapsed;
import org.iecmh.endorsement.contracts.EndorsementReactivated;
import org.iecmh.endorsement.contracts.EndorsementRenewed;
import org.iecmh.endorsement.contracts.EndorsementRevoked;
import org.iecmh.endorsement.contracts.EndorsementTransferred;
import org.iecmh.endorsement.contracts.InvoicePaid;
import org.iecmh.endorsement.contracts.MembershipActive;
import org.iecmh.endorsement.contracts.Money;
import org.iecmh.endorsement.contracts.ReinstatementRequested;
import org.iecmh.endorsement.contracts.Topics;
import org.iecmh.endorsement.kit.messaging.CloudEventHeaders;
import org.iecmh.endorsement.renewal.schedule.Schedule;
import org.iecmh.endorsement.testkit.KafkaTopics;
import org.iecmh.endorsement.testkit.MutableClock;
import org.iecmh.endorsement.testkit.RealInfrastructure;
import jakarta.mail.internet.MimeMessage;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.JdbcTemplate;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** renewal-service on the real PostgreSQL server and Kafka broker. */
@SpringBootTest(classes = RenewalServiceApplication.class,
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"spring.config.name=" + RenewalServiceApplication.NAME, "iecmh.schedule.automatic=false"})
@WithRealInfrastructure
@Import(RenewalServiceTest.MovableClock.class)
class RenewalServiceTest {

    /** Shared by every instance a test starts, so that moving it moves time for all of them. */
    static final MutableClock CLOCK = new MutableClock(Instant.parse("2026-11-22T10:00:00Z"));

    @TestConfiguration
    static class MovableClock {
        @Bean
        Clock clock() {
            return CLOCK;
        }
    }

    @DynamicPropertySource
    static void smtp(DynamicPropertyRegistry registry) {
        registry.add("spring.mail.host", () -> RealInfrastructure.smtp().host());
        registry.add("spring.mail.port", () -> RealInfrastructure.smtp().port());
    }

    @Autowired
    Schedule schedule;
    @Autowired
    Environment environment;
    @Value("${iecmh.kafka.prefix}")
    String kafkaPrefix;

    @LocalServerPort
    int port;
    @Autowired
    IntegrationEventPublisher publisher;
    @Autowired
    JdbcTemplate jdbc;

    @Test
    void theReadinessProbeAnswersUp() {
        Response readiness = ApiClient.onPort(port).get("/actuator/health/readiness");

        assertThat(readiness.status()).isEqualTo(200);
        assertThat(readiness.at("/status")).isEqualTo("UP");
    }

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

    @Test
    void anUnrenewedMassachusettsEndorsementLapsesTheDayAfterItsGracePeriodAndIsReinstatedUnderItsOwnNumber() {
        grant("ma", "MA-000012", "provider-12", "IMHS", LocalDate.of(2033, 12, 31));
        grant("ma", "MA-000011", "person-11", "IFS", LocalDate.of(2027, 12, 31));
        ApiClient coordinator = ApiClient.onPort(port).as("ma", "coordinator-ma", "COORDINATOR");

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
        assertThat(jdbc.queryForObject("SELECT min(due_on) FROM scheduled_step WHERE endorsement_number = ?",
                LocalDate.class, "MA-000011")).isEqualTo(LocalDate.of(2028, 10, 1));
    }

    @Test
    void aWashingtonEndorseeLogsEveryYearIsRemindedAndRenewsThroughAFullThreeYearCycle() throws Exception {
        grant("wa", "WA-000003", "provider-3", "IMHM-C", LocalDate.of(2033, 12, 31));
        grant("wa", "WA-000021", "person-21", "IMHS", LocalDate.of(2027, 12, 31));
        ApiClient endorsee = ApiClient.onPort(port).as("wa", "person-21", "APPLICANT");
        ApiClient coordinator = ApiClient.onPort(port).as("wa", "coordinator-wa", "COORDINATOR");

        CLOCK.set(Instant.parse("2027-06-01T12:00:00Z"));
        assertThat(endorsee.put("/api/endorsements/WA-000021/email-address", Map.of("emailAddress", "not-an-address"))
                .status()).isEqualTo(400);
        assertThat(endorsee.put("/api/endorsements/WA-000021/email-address",
                Map.of("emailAddress", "person-21@example.org")).at("/emailAddress")).isEqualTo("person-21@example.org");
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

        CLOCK.set(Instant.parse("2027-09-30T12:00:00Z"));
        Response tooEarly = endorsee.post("/api/endorsements/WA-000021/renewal", null);
        assertThat(tooEarly.status()).isEqualTo(409);
        assertThat(tooEarly.at("/rule")).isEqualTo("renewal-window-closed");
        sweepOn(LocalDate.of(2027, 11, 1));
        assertThat(countEvents("WA-000021", "RenewalWindowOpened")).isEqualTo(1);
        assertThat(countEvents("WA-000021", "RenewalReminderDue")).isEqualTo(1);
        assertThat(endorsee.post("/api/endorsements/WA-000021/renewal/approval", null).status()).isEqualTo(403);
        assertThat(endorsee.post("/api/endorsements/WA-000021/renewal", null).at("/renewal")).isEqualTo("SUBMITTED");
        Response blank = coordinator.post("/api/endorsements/WA-000021/renewal/return", "{\"comments\": \"\"}");
        assertThat(blank.status()).isEqualTo(400);
        assertThat(blank.text()).contains("comments").contains("NotBlank");
        assertThat(coordinator.post("/api/endorsements/WA-000021/renewal/return",
                "{\"comments\": \"Add the RSC log for 2027\"}").at("/renewal")).isEqualTo("RETURNED");
        assertThat(endorsee.post("/api/endorsements/WA-000021/renewal", null).status()).isEqualTo(200);
        assertThat(ApiClient.onPort(port).as("ma", "coordinator-ma", "COORDINATOR")
                .post("/api/endorsements/WA-000021/renewal/approval", null).status()).isEqualTo(404);
        assertThat(coordinator.post("/api/endorsements/WA-000021/renewal/approval", null).at("/validThrough"))
                .isEqualTo("2030-12-31");
        sweepOn(LocalDate.of(2028, 1, 2));
        assertThat(coordinator.get("/api/endorsements/WA-000021").at("/status")).isEqualTo("ACTIVE");

        // The next cycle asks for three years: 2028, 2029 and 2030.
        membership("wa", "person-21", LocalDate.of(2030, 12, 31));
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
        for (LocalDate day : List.of(LocalDate.of(2030, 10, 1), LocalDate.of(2030, 11, 1), LocalDate.of(2030, 12, 1),
                LocalDate.of(2030, 12, 24))) {
            sweepOn(day);
        }
        assertThat(countEvents("WA-000021", "RenewalReminderDue")).isEqualTo(4);
        await().atMost(Duration.ofSeconds(30))
                .until(() -> RealInfrastructure.smtp().receivedFor("person-21@example.org").size() == 4);
        MimeMessage last = RealInfrastructure.smtp().receivedFor("person-21@example.org").get(3);
        assertThat(last.getSubject()).isEqualTo("Endorsement WA-000021: renew by 2030-12-31");
        assertThat(last.getContent().toString()).contains("7 days from now");
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

    /** The year's training, reflective supervision with an endorsed provider and the code of ethics, in that year. */
    private void logYear(ApiClient endorsee, int year) {
        logYear(endorsee, "WA-000021", "WA-000003", year);
    }

    private void logYear(ApiClient endorsee, String number, String provider, int year) {
        CLOCK.set(LocalDate.of(year, 6, 1).atTime(12, 0).toInstant(ZoneOffset.UTC));
        String path = "/api/endorsements/" + number;
        assertThat(endorsee.post(path + "/trainings",
                Map.of("title", "Observation " + year, "attendedOn", year + "-05-01", "hours", 9)).status())
                .isEqualTo(200);
        endorsee.post(path + "/trainings",
                Map.of("title", "Reflection " + year, "attendedOn", year + "-05-02", "hours", 6));
        Response session = endorsee.post(path + "/reflective-supervision",
                Map.of("providerNumber", provider, "sessionOn", year + "-05-15", "hours", 12));
        assertThat(session.status()).as(session.toString()).isEqualTo(200);
        assertThat(endorsee.post(path + "/code-of-ethics", null).status()).isEqualTo(200);
    }

    private void membership(String tenant, String person, LocalDate through) {
        MembershipActive event = new MembershipActive(tenant, person, "INV-" + through, through);
        publisher.publish(event, new GenericEventMessage<>(event, Map.of(AuditMetadata.TENANT, tenant)));
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
    void aMassachusettsEndorseeMovesToWashingtonWhoseCoordinatorAcceptsAndItRenewsThereUnderTheSameNumber() {
        grant("ma", "MA-000051", "person-51", "IFA", LocalDate.of(2027, 12, 31));
        ApiClient endorsee = ApiClient.onPort(port).as("ma", "person-51", "APPLICANT");
        ApiClient maCoordinator = ApiClient.onPort(port).as("ma", "coordinator-ma", "COORDINATOR");
        ApiClient waCoordinator = ApiClient.onPort(port).as("wa", "coordinator-wa", "COORDINATOR");
        CLOCK.set(Instant.parse("2027-03-01T12:00:00Z"));

        assertThat(waCoordinator.post("/api/endorsements/MA-000051/transfer/acceptance", null).status()).isEqualTo(404);
        assertThat(endorsee.post("/api/endorsements/MA-000051/transfer", Map.of("toTenantId", "Washington"))
                .status()).isEqualTo(400);
        assertThat(endorsee.post("/api/endorsements/MA-000051/transfer", Map.of("toTenantId", "wa"))
                .at("/transferTo")).isEqualTo("wa");
        assertThat(maCoordinator.post("/api/endorsements/MA-000051/transfer/acceptance", null).status()).isEqualTo(404);
        assertThat(ApiClient.onPort(port).as("wa", "someone", "APPLICANT")
                .post("/api/endorsements/MA-000051/transfer/acceptance", null).status()).isEqualTo(403);

        Response accepted = waCoordinator.post("/api/endorsements/MA-000051/transfer/acceptance", null);
        assertThat(accepted.status()).isEqualTo(200);
        assertThat(accepted.at("/tenantId")).isEqualTo("wa");
        assertThat(accepted.at("/endorsementNumber")).isEqualTo("MA-000051");
        assertThat(maCoordinator.get("/api/endorsements/MA-000051").status()).isEqualTo(404);
        ConsumerRecord<byte[], byte[]> published = awaitPublished(EndorsementTransferred.TYPE, "MA-000051");
        assertThat(KafkaTopics.header(published, CloudEventHeaders.TENANT)).isEqualTo("wa");
        assertThat(new String(published.value(), StandardCharsets.UTF_8))
                .contains("\"fromTenantId\":\"ma\"").contains("\"toTenantId\":\"wa\"");
        assertThat(jdbc.queryForList("SELECT meta_data ->> 'tenantId' FROM event_log WHERE aggregate_identifier = ? "
                + "ORDER BY sequence_number", String.class, "MA-000051")).containsExactly("ma", "ma", "wa");

        // Washington's window (October 1 - December 31) and its renewal to the close of its next window apply now.
        ApiClient movedEndorsee = ApiClient.onPort(port).as("wa", "person-51", "APPLICANT");
        membership("wa", "person-51", LocalDate.of(2027, 12, 31));
        CLOCK.set(Instant.parse("2027-06-01T12:00:00Z"));
        movedEndorsee.post("/api/endorsements/MA-000051/trainings",
                Map.of("title", "Observation", "attendedOn", "2027-05-01", "hours", 15));
        movedEndorsee.post("/api/endorsements/MA-000051/code-of-ethics", null);
        await().atMost(Duration.ofSeconds(30)).until(() -> countEvents("MA-000051", "MembershipRecorded") == 1);
        sweepOn(LocalDate.of(2027, 10, 1));
        assertThat(movedEndorsee.post("/api/endorsements/MA-000051/renewal", null).at("/renewal")).isEqualTo("SUBMITTED");
        assertThat(waCoordinator.post("/api/endorsements/MA-000051/renewal/approval", null).at("/validThrough"))
                .isEqualTo("2030-12-31");
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

    @Test
    void twoInstancesSweepingTogetherTakeEachStepExactlyOnce() throws Exception {
        List<String> numbers = List.of("MA-000041", "MA-000042", "MA-000043", "MA-000044", "MA-000045");
        for (String number : numbers) {
            grant("ma", number, "person-" + number, "IFA", LocalDate.of(2027, 12, 31));
        }
        try (ConfigurableApplicationContext second = secondInstance()) {
            Schedule secondSchedule = second.getBean(Schedule.class);

            CLOCK.set(Instant.parse("2027-12-25T12:00:00Z"));
            race(schedule, secondSchedule);
            CLOCK.set(Instant.parse("2028-02-01T12:00:00Z"));
            race(schedule, secondSchedule);
        }

        for (String number : numbers) {
            assertThat(countEvents(number, "RenewalWindowOpened")).as(number).isEqualTo(1);
            assertThat(countEvents(number, "RenewalReminderDue")).as(number).isEqualTo(3);
            assertThat(countEvents(number, "EndorsementLapsed")).as(number).isEqualTo(1);
        }
        assertThat(jdbc.queryForObject("SELECT count(*) FROM scheduled_step WHERE endorsement_number LIKE 'MA-00004%'",
                Integer.class)).isZero();
    }

    private void race(Schedule first, Schedule second) throws Exception {
        CountDownLatch start = new CountDownLatch(1);
        CompletableFuture<Integer> one = CompletableFuture.supplyAsync(() -> awaitThen(start, first));
        CompletableFuture<Integer> two = CompletableFuture.supplyAsync(() -> awaitThen(start, second));
        start.countDown();
        one.get(60, TimeUnit.SECONDS);
        two.get(60, TimeUnit.SECONDS);
    }

    private static int awaitThen(CountDownLatch start, Schedule schedule) {
        try {
            start.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        return schedule.sweep();
    }

    /** A second renewal-service on the same database and broker, as a second pod would be. */
    private ConfigurableApplicationContext secondInstance() {
        List<String> args = new ArrayList<>();
        for (String property : List.of("spring.datasource.url", "spring.datasource.username",
                "spring.datasource.password", "spring.kafka.bootstrap-servers",
                "spring.cloud.stream.kafka.binder.brokers", "iecmh.kafka.prefix")) {
            args.add("--" + property + "=" + environment.getProperty(property));
        }
        args.add("--server.port=0");
        args.add("--iecmh.schedule.automatic=false");
        org.springframework.boot.SpringApplication application = RenewalServiceApplication.application();
        application.addPrimarySources(List.of(MovableClock.class));
        return application.run(args.toArray(String[]::new));
    }

    @Test
    void someoneEndorsedInSeveralCategoriesLogsEachActivityOnce() {
        grant("ma", "MA-000061", "person-61", "IFS", LocalDate.of(2027, 12, 31));
        grant("ma", "MA-000062", "person-61", "IMHS", LocalDate.of(2027, 12, 31));
        grant("ma", "MA-000063", "person-63", "IFS", LocalDate.of(2027, 12, 31));
        CLOCK.set(Instant.parse("2027-02-01T12:00:00Z"));
        ApiClient endorsee = ApiClient.onPort(port).as("ma", "person-61", "ENDORSEE");

        Response logged = endorsee.post("/api/endorsements/MA-000061/trainings",
                Map.of("title", "Reflective practice", "attendedOn", "2027-01-15", "hours", 6));
        endorsee.post("/api/endorsements/MA-000062/code-of-ethics", null);

        assertThat(logged.status()).as(logged.text()).isEqualTo(200);
        assertThat(countEvents("MA-000061", "TrainingRecorded")).isEqualTo(1);
        assertThat(countEvents("MA-000062", "TrainingRecorded")).isEqualTo(1);
        assertThat(countEvents("MA-000063", "TrainingRecorded")).isZero();
        assertThat(countEvents("MA-000061", "CodeOfEthicsSigned")).isEqualTo(1);
        assertThat(countEvents("MA-000062", "CodeOfEthicsSigned")).isEqualTo(1);
        assertThat(endorsee.get("/api/endorsements/MA-000062/progress").text()).contains("\"year\":2027");
    }

    private void grant(String tenant, String number, String person, String category, LocalDate validThrough) {
        EndorsementGranted event = new EndorsementGranted(tenant, number, "app-" + number, person, "Endorsee " + number,
                category, Instant.parse("2026-11-22T10:00:00Z"), validThrough, null);
        publisher.publish(event, new GenericEventMessage<>(event, Map.of(AuditMetadata.TENANT, tenant)));
        await().atMost(Duration.ofSeconds(30)).until(() -> jdbc.queryForObject(
                "SELECT count(*) FROM endorsement_view WHERE endorsement_number = ?", Integer.class, number) == 1);
    }

    private void sweepOn(LocalDate day) {
        CLOCK.set(day.atTime(12, 0).toInstant(ZoneOffset.UTC));
        schedule.sweep();
    }

    private int countEvents(String number, String type) {
        return jdbc.queryForObject("SELECT count(*) FROM domain_event_entry WHERE aggregate_identifier = ? "
                + "AND payload_type LIKE ?", Integer.class, number, "%." + type);
    }

    private ConsumerRecord<byte[], byte[]> awaitPublished(String type, String number) {
        return KafkaTopics.awaitFirst(kafkaPrefix + Topics.ENDORSEMENTS,
                record -> type.equals(KafkaTopics.header(record, CloudEventHeaders.TYPE))
                        && number.equals(KafkaTopics.key(record)));
    }
}
