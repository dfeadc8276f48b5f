package org.iecmh.endorsement.renewal;

import jakarta.mail.internet.MimeMessage;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventhandling.TrackingEventProcessor;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.serialization.Serializer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.iecmh.endorsement.contracts.EndorsementClaimed;
import org.iecmh.endorsement.contracts.EndorsementGranted;
import org.iecmh.endorsement.contracts.EndorsementImported;
import org.iecmh.endorsement.contracts.EndorsementLapsed;
import org.iecmh.endorsement.contracts.EndorsementReactivated;
import org.iecmh.endorsement.contracts.EndorsementRenewed;
import org.iecmh.endorsement.contracts.EndorsementRevoked;
import org.iecmh.endorsement.contracts.EndorsementTransferred;
import org.iecmh.endorsement.contracts.InvoicePaid;
import org.iecmh.endorsement.contracts.LateRenewalFeeCharged;
import org.iecmh.endorsement.contracts.MembershipActive;
import org.iecmh.endorsement.contracts.Money;
import org.iecmh.endorsement.contracts.ReinstatementRequested;
import org.iecmh.endorsement.contracts.Topics;
import org.iecmh.endorsement.contracts.association.Association;
import org.iecmh.endorsement.contracts.association.FeeSchedule;
import org.iecmh.endorsement.contracts.association.RenewalVersion;
import org.iecmh.endorsement.kit.audit.AuditMetadata;
import org.iecmh.endorsement.kit.mail.MailTemplates;
import org.iecmh.endorsement.kit.eventstore.AggregateReplay;
import org.iecmh.endorsement.kit.messaging.CloudEventHeaders;
import org.iecmh.endorsement.kit.messaging.IntegrationEventPublisher;
import org.iecmh.endorsement.renewal.endorsement.Endorsement;
import org.iecmh.endorsement.renewal.schedule.Schedule;
import org.iecmh.endorsement.testkit.ApiClient;
import org.iecmh.endorsement.testkit.ApiClient.Response;
import org.iecmh.endorsement.testkit.KafkaTopics;
import org.iecmh.endorsement.testkit.PublishedAssociations;
import org.iecmh.endorsement.testkit.MutableClock;
import org.iecmh.endorsement.testkit.RealInfrastructure;
import org.iecmh.endorsement.testkit.SmtpServer;
import org.iecmh.endorsement.testkit.WithRealInfrastructure;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.transaction.support.TransactionTemplate;

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
        registry.add("iecmh.mail.deliver-every", () -> "PT0.2S");
        registry.add("iecmh.mail.link-base", () -> "https://gateway.test");
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
    @Autowired
    EventProcessingConfiguration processing;

    /**
     * The seed's associations, and {@code ty}, which only these stories know: yearly renewal with DEI hours, and a
     * grace period whose renewals owe the late fee of its fee schedule ($25).
     */
    @BeforeEach
    void associationsAreKnown() {
        Association ma = PublishedAssociations.seeded("ma");
        FeeSchedule prices = ma.fees().get(0);
        Association ty = PublishedAssociations.copy(ma, "ty", "Test association", "America/Chicago")
                .withRenewal(List.of(new RenewalVersion(LocalDate.of(2020, 1, 1), "yearly", "12-31", "10-01", null,
                        null, null, 30, null, List.of(30), 15, 3, null, null, true, true, 0, false)))
                .withFees(List.of(new FeeSchedule(prices.effectiveFrom(), prices.currency(), prices.dueDays(),
                        prices.registration(), prices.processing(), prices.membershipDues(), prices.renewal(),
                        2_500L, prices.reinstatement(), prices.nonRefundable())));
        List<Association> known = new ArrayList<>(PublishedAssociations.seed());
        known.add(ty);
        PublishedAssociations.publishOnce(environment, known);
    }

    @Test
    void anAssociationPublishedAtRuntimeIsPlannedByTheRenewalVersionInForceAndTheEventNamesIt() {
        Association ma = PublishedAssociations.seeded("ma");
        RenewalVersion first = ma.renewal().get(0);
        // From 2027 New York's window opens on March 1 for a June 30 due date, where it opened on April 1 before.
        Association ny = PublishedAssociations.copy(ma, "ny", "New York test association", "America/New_York")
                .withRenewal(List.of(yearly(first, LocalDate.of(2020, 1, 1), "04-01"),
                        yearly(first, LocalDate.of(2027, 1, 1), "03-01")));
        PublishedAssociations.publish(environment, ny);
        grant("ny", "NY-000201", "person-201", "IFA", LocalDate.of(2027, 6, 30));
        ApiClient coordinator = ApiClient.onPort(port).as("ny", "coordinator-ny", "COORDINATOR");

        sweepOn(LocalDate.of(2027, 2, 28));
        assertThat(countEvents("NY-000201", "RenewalWindowOpened")).isZero();
        sweepOn(LocalDate.of(2027, 3, 1));

        assertThat(coordinator.get("/api/endorsements/NY-000201").at("/renewal")).isEqualTo("WINDOW_OPEN");
        Response history = ApiClient.onPort(port).as("ny", "auditor-ny", "AUDITOR")
                .get("/api/audit/endorsements/NY-000201/events?type=RenewalWindowOpened");
        assertThat(history.at("/events/0/payload/opensOn")).isEqualTo("2027-03-01");
        assertThat(history.at("/events/0/payload/policyEffectiveFrom")).isEqualTo("2027-01-01");
    }

    private static RenewalVersion yearly(RenewalVersion template, LocalDate effectiveFrom, String opens) {
        return new RenewalVersion(effectiveFrom, "yearly", "06-30", opens, null, null, null, template.graceDays(),
                template.reminderDaysBeforeOpening(),
                template.reminderDaysBeforeClosing(), template.trainingHoursPerYear(), template.deiHoursPerYear(),
                template.reflectiveSupervisionHoursPerYear(), template.reflectiveSupervisionCategories(),
                template.codeOfEthicsPerYear(), template.membershipPerYear(), template.inactiveMaximumMonths(),
                template.reinstatementFee());
    }

    @Test
    void aRenewalVersionPublishedLaterReplansTheStepsStillAheadAndSendsNoReminderTwice() {
        RenewalVersion first = PublishedAssociations.seeded("ma").renewal().get(0);
        Association rp = PublishedAssociations.copy(PublishedAssociations.seeded("ma"), "rp",
                "Re-planned test association", "America/New_York").withRenewal(List.of(
                version(first, LocalDate.of(2020, 1, 1), "10-01", List.of(30), List.of(30, 7))));
        PublishedAssociations.publish(environment, rp);
        grant("rp", "RP-000301", "person-301", "IFA", LocalDate.of(2027, 12, 31));
        assertThat(stepsOf("RP-000301")).contains("OPEN_WINDOW 0 2027-10-01", "REMIND_OPENING 30 2027-09-01",
                "REMIND 30 2027-12-01", "REMIND 7 2027-12-24");
        sweepOn(LocalDate.of(2027, 9, 2));
        assertThat(countEvents("RP-000301", "RenewalReminderDue")).isEqualTo(1);

        // From September 15 the window opens on October 15, with reminders 30 and 14 days before it and 60 and 10
        // days before the close: the cycle that closes on December 31 follows it.
        Association changed = rp.withRenewal(List.of(rp.renewal().get(0),
                version(first, LocalDate.of(2027, 9, 15), "10-15", List.of(30, 14), List.of(60, 10))));
        PublishedAssociations.publish(environment, changed);
        List<String> replanned = stepsOf("RP-000301");
        PublishedAssociations.publish(environment, changed.withRenewal(changed.renewal()));

        assertThat(replanned).containsExactly("REMIND_OPENING 30 2027-09-15", "REMIND_OPENING 14 2027-10-01",
                "OPEN_WINDOW 0 2027-10-15", "REMIND 60 2027-11-01", "REMIND 10 2027-12-21",
                "LAPSE 0 " + LocalDate.of(2027, 12, 31).plusDays(first.graceDays() + 1));
        assertThat(stepsOf("RP-000301")).isEqualTo(replanned);
        sweepOn(LocalDate.of(2027, 9, 15));
        assertThat(countEvents("RP-000301", "RenewalReminderDue")).as("the 30-day reminder went already").isEqualTo(1);
        sweepOn(LocalDate.of(2027, 10, 1));
        assertThat(countEvents("RP-000301", "RenewalReminderDue")).isEqualTo(2);
        assertThat(countEvents("RP-000301", "RenewalWindowOpened")).isZero();
        sweepOn(LocalDate.of(2027, 10, 15));
        assertThat(countEvents("RP-000301", "RenewalWindowOpened")).isEqualTo(1);
    }

    private static RenewalVersion version(RenewalVersion template, LocalDate effectiveFrom, String opens,
                                          List<Integer> beforeOpening, List<Integer> beforeClosing) {
        return new RenewalVersion(effectiveFrom, "yearly", "12-31", opens, null, null, null, template.graceDays(),
                beforeOpening, beforeClosing,
                template.trainingHoursPerYear(), template.deiHoursPerYear(),
                template.reflectiveSupervisionHoursPerYear(), template.reflectiveSupervisionCategories(),
                template.codeOfEthicsPerYear(), template.membershipPerYear(), template.inactiveMaximumMonths(),
                template.reinstatementFee());
    }

    private List<String> stepsOf(String number) {
        return jdbc.queryForList("""
                SELECT step || ' ' || days_before || ' ' || due_on FROM scheduled_step WHERE endorsement_number = ?
                ORDER BY due_on, step""", String.class, number);
    }

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
    void everyNoticeHasATemplateInEachLanguageNamingTheSameValues() {
        assertThat(MailTemplates.problems()).isEmpty();
    }

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
        assertThat(endorsee.post("/api/endorsements/WA-000021/renewal", null).status()).isEqualTo(200);
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
        membership(tenant, person, through.withDayOfYear(1), through);
    }

    private void membership(String tenant, String person, LocalDate from, LocalDate through) {
        MembershipActive event = new MembershipActive(tenant, person, "INV-" + through, through, from);
        publisher.publish(event, new GenericEventMessage<>(event, Map.of(AuditMetadata.TENANT, tenant)));
    }

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
                + "ORDER BY endorsement_number", StoredStreams.NUMBERS.toArray()).forEach(row -> views.add(row.toString()));
        jdbc.queryForList("SELECT * FROM provider_period WHERE endorsement_number IN (?, ?, ?, ?) ORDER BY 1, 2, 3, 4",
                StoredStreams.NUMBERS.toArray()).forEach(row -> views.add(row.toString()));
        try (var expected = getClass().getResourceAsStream("/stored-streams/views-before-feature-members.txt")) {
            assertThat(views).isEqualTo(new String(expected.readAllBytes(), StandardCharsets.UTF_8).lines().toList());
        }
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
            // The two before the close; the one before the opening is not sent once the window is open.
            assertThat(countEvents(number, "RenewalReminderDue")).as(number).isEqualTo(2);
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

    @Test
    void whereTheAssociationAsksForDeiHoursTheProgressSaysHowManyOfTheYearsAreLogged() {
        grant("ty", "TY-000071", "person-71", "IFA", LocalDate.of(2027, 12, 31));
        ApiClient endorsee = ApiClient.onPort(port).as("ty", "person-71", "APPLICANT");
        CLOCK.set(Instant.parse("2027-06-01T12:00:00Z"));

        Response tooMany = endorsee.post("/api/endorsements/TY-000071/trainings",
                Map.of("title", "Equity", "attendedOn", "2027-05-01", "hours", 2, "deiHours", 3));
        assertThat(tooMany.status()).isEqualTo(400);
        assertThat(tooMany.text()).contains("deiHoursWithinHours").contains("AssertTrue");
        assertThat(countEvents("TY-000071", "TrainingRecorded")).isZero();
        endorsee.post("/api/endorsements/TY-000071/trainings",
                Map.of("title", "Observation", "attendedOn", "2027-05-01", "hours", 13));
        Response progress = endorsee.post("/api/endorsements/TY-000071/trainings",
                Map.of("title", "Equity in home visiting", "attendedOn", "2027-05-02", "hours", 2, "deiHours", 2));

        assertThat(progress.at("/years/0/requirements/0/name")).isEqualTo("training-hours");
        assertThat(progress.at("/years/0/requirements/0/detail")).isEqualTo("15 of 15 hours");
        assertThat(progress.at("/years/0/requirements/1/name")).isEqualTo("dei-hours");
        assertThat(progress.at("/years/0/requirements/1/met")).isEqualTo("false");
        assertThat(progress.at("/years/0/requirements/1/detail")).isEqualTo("2 of 3 DEI hours");
        endorsee.post("/api/endorsements/TY-000071/trainings",
                Map.of("title", "Anti-bias practice", "attendedOn", "2027-05-03", "hours", 1, "deiHours", 1));
        assertThat(endorsee.get("/api/endorsements/TY-000071/progress").at("/years/0/requirements/1/detail"))
                .isEqualTo("3 of 3 DEI hours");
        // Massachusetts asks for none: its progress has no such line.
        grant("ma", "MA-000072", "person-72", "IFA", LocalDate.of(2027, 12, 31));
        assertThat(ApiClient.onPort(port).as("ma", "person-72", "APPLICANT").get(
                "/api/endorsements/MA-000072/progress").text()).contains("training-hours").doesNotContain("dei-hours");
    }

    @Test
    void someoneEndorsedInSeveralCategoriesCorrectsAndRemovesAnEntryOnceAndTheProgressFollows() {
        grant("ma", "MA-000084", "provider-84", "IMHS", LocalDate.of(2033, 12, 31));
        grant("ma", "MA-000081", "person-81", "IFS", LocalDate.of(2027, 12, 31));
        grant("ma", "MA-000082", "person-81", "IMHS", LocalDate.of(2027, 12, 31));
        CLOCK.set(Instant.parse("2027-06-01T12:00:00Z"));
        ApiClient endorsee = ApiClient.onPort(port).as("ma", "person-81", "APPLICANT");
        Response logged = endorsee.post("/api/endorsements/MA-000081/trainings",
                Map.of("title", "Observation", "attendedOn", "2027-05-01", "hours", 9));
        String training = logged.at("/entries/0/entryId");
        assertThat(logged.at("/entries/0/kind")).isEqualTo("training");
        String session = endorsee.post("/api/endorsements/MA-000081/reflective-supervision",
                Map.of("providerNumber", "MA-000084", "sessionOn", "2027-05-15", "hours", 12)).at("/entries/1/entryId");
        String trainings = "/api/endorsements/MA-000082/trainings/" + training;
        String sessions = "/api/endorsements/MA-000082/reflective-supervision/" + session;

        Response invalid = endorsee.put(trainings, Map.of("title", "", "attendedOn", "2027-05-01", "hours", 15));
        assertThat(invalid.status()).isEqualTo(400);
        assertThat(invalid.text()).contains("title").contains("NotBlank");
        assertThat(endorsee.put(trainings, Map.of("title", "Observation", "attendedOn", "2027-07-01", "hours", 15))
                .at("/rule")).isEqualTo("activity-in-the-future");
        assertThat(endorsee.put("/api/endorsements/MA-000082/trainings/no-such-entry",
                Map.of("title", "Observation", "attendedOn", "2027-05-01", "hours", 15)).status()).isEqualTo(404);
        assertThat(ApiClient.onPort(port).as("ma", "person-other", "APPLICANT").put(trainings,
                Map.of("title", "Observation", "attendedOn", "2027-05-01", "hours", 15)).status()).isEqualTo(404);
        assertThat(countEvents("MA-000081", "TrainingCorrected")).isZero();

        // Corrected through one endorsement, the entry changes on both.
        Response corrected = endorsee.put(trainings,
                Map.of("title", "Observation, corrected", "attendedOn", "2027-05-01", "hours", 15));
        assertThat(corrected.status()).as(corrected.text()).isEqualTo(200);
        assertThat(countEvents("MA-000081", "TrainingCorrected")).isEqualTo(1);
        assertThat(countEvents("MA-000082", "TrainingCorrected")).isEqualTo(1);
        Response progress = endorsee.get("/api/endorsements/MA-000081/progress");
        assertThat(progress.at("/years/0/requirements/0/detail")).isEqualTo("15 of 15 hours");
        assertThat(progress.at("/entries/0/title")).isEqualTo("Observation, corrected");

        Response beforeTheProvider = endorsee.put(sessions,
                Map.of("providerNumber", "MA-000084", "sessionOn", "2026-01-15", "hours", 12));
        assertThat(beforeTheProvider.at("/rule")).isEqualTo("rsc-provider-not-endorsed");
        assertThat(endorsee.put(sessions, Map.of("providerNumber", "MA-000084", "sessionOn", "2027-05-16", "hours", 8))
                .at("/years/0/requirements/1/detail")).isEqualTo("8 of 12 hours");
        assertThat(endorsee.get("/api/endorsements/MA-000081/progress").at("/years/0/requirements/1/detail"))
                .isEqualTo("8 of 12 hours");

        Response removed = endorsee.delete(sessions);
        assertThat(removed.at("/years/0/requirements/1/detail")).isEqualTo("0 of 12 hours");
        assertThat(endorsee.delete(trainings).at("/years/0/requirements/0/detail")).isEqualTo("0 of 15 hours");
        assertThat(endorsee.get("/api/endorsements/MA-000081/progress").at("/years/0/requirements/0/detail"))
                .isEqualTo("0 of 15 hours");
        assertThat(countEvents("MA-000081", "TrainingRemoved")).isEqualTo(1);
        assertThat(countEvents("MA-000081", "ReflectiveSupervisionRemoved")).isEqualTo(1);
        assertThat(endorsee.delete(trainings).status()).isEqualTo(404);
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

    @Test
    void aReminderWhoseSendingWasNotMarkedGoesAgainWithTheSameMessageIdAndAMarkedOneNeverAgain() throws Exception {
        grant("ma", "MA-000095", "person-95", "IFA", LocalDate.of(2027, 12, 31));
        CLOCK.set(Instant.parse("2027-06-01T12:00:00Z"));
        ApiClient.onPort(port).as("ma", "person-95", "APPLICANT").put("/api/endorsements/MA-000095/email-address",
                Map.of("emailAddress", "person-95@example.org"));
        // The window opens (and says so in a mail) before the database begins to fail.
        sweepOn(LocalDate.of(2027, 10, 1));
        await().atMost(Duration.ofSeconds(30)).until(() -> jdbc.queryForObject("SELECT count(*) FROM mail_outbox "
                + "WHERE recipient = 'person-95@example.org' AND kind = 'renewal-window-opened' AND status = 'SENT'",
                Integer.class) == 1);
        assertThat(RealInfrastructure.smtp().receivedFor("person-95@example.org")).hasSize(1);
        // The database fails the first time this endorsee's mail is marked sent: after the SMTP server took it.
        jdbc.execute("CREATE SEQUENCE marks_of_ma_000095");
        jdbc.execute("""
                CREATE FUNCTION fail_first_mark_of_ma_000095() RETURNS trigger AS $$
                BEGIN
                    IF NEW.recipient = 'person-95@example.org' AND NEW.status = 'SENT'
                            AND nextval('marks_of_ma_000095') = 1 THEN
                        RAISE EXCEPTION 'the database went away before the reminder was marked sent';
                    END IF;
                    RETURN NEW;
                END $$ LANGUAGE plpgsql""");
        jdbc.execute("CREATE TRIGGER fail_first_mark_of_ma_000095 BEFORE UPDATE ON mail_outbox "
                + "FOR EACH ROW EXECUTE FUNCTION fail_first_mark_of_ma_000095()");
        String messageId = "<renewal-reminder.MA-000095.2027-12-31.30@localhost>";

        sweepOn(LocalDate.of(2027, 12, 1));
        await().atMost(Duration.ofSeconds(60))
                .until(() -> RealInfrastructure.smtp().receivedFor("person-95@example.org").size() == 2);
        // Claimed for a while when it was handed to the relay: once the claim runs out, it goes again.
        CLOCK.advance(Duration.ofMinutes(5).plusSeconds(1));

        await().atMost(Duration.ofSeconds(60))
                .until(() -> RealInfrastructure.smtp().receivedFor("person-95@example.org").size() == 3);
        List<MimeMessage> received = RealInfrastructure.smtp().receivedFor("person-95@example.org");
        assertThat(received.get(0).getMessageID()).isEqualTo("<renewal-reminder.MA-000095.2027-12-31.window-opened.0@localhost>");
        assertThat(received.get(1).getMessageID()).isEqualTo(messageId);
        assertThat(received.get(2).getMessageID()).isEqualTo(messageId);
        await().atMost(Duration.ofSeconds(30)).until(() -> "SENT".equals(jdbc.queryForObject(
                "SELECT status FROM mail_outbox WHERE message_id = ?", String.class, messageId)));
        assertThat(jdbc.queryForObject("SELECT attempts FROM mail_outbox WHERE message_id = ?", Integer.class,
                messageId)).isEqualTo(2);

        // Every reminder handled again from the start of the stream: the ones recorded stay as they are. The next
        // reminder is handled after all of them, so once it arrives they have been passed over.
        TrackingEventProcessor reminders = processing.eventProcessor("renewal-reminders", TrackingEventProcessor.class)
                .orElseThrow();
        reminders.shutDown();
        reminders.resetTokens();
        reminders.start();
        sweepOn(LocalDate.of(2027, 12, 24));
        await().atMost(Duration.ofSeconds(60))
                .until(() -> RealInfrastructure.smtp().receivedFor("person-95@example.org").size() >= 4);
        List<MimeMessage> afterReplay = RealInfrastructure.smtp().receivedFor("person-95@example.org");
        assertThat(afterReplay).hasSize(4);
        assertThat(afterReplay.get(3).getMessageID()).isEqualTo("<renewal-reminder.MA-000095.2027-12-31.7@localhost>");
        assertThat(afterReplay.get(3).getSubject()).isEqualTo("Endorsement MA-000095: renew by December 31, 2027");
        assertThat(jdbc.queryForObject("SELECT attempts FROM mail_outbox WHERE message_id = ?", Integer.class,
                messageId)).isEqualTo(2);
    }

    @Test
    void anotherEndorseeFindsNothingAndARoleThatMayNotActIsRefusedBeforeItsInputIsRead() {
        grant("ma", "MA-000071", "person-71", "IFS", LocalDate.of(2027, 12, 31));
        String endorsement = "/api/endorsements/MA-000071";
        int before = countEvents("MA-000071", "");

        // Someone else signed in as an endorsee (or any role that is not staff) finds no such endorsement.
        for (String role : List.of("ENDORSEE", "APPLICANT", "REFERENCE_RATER")) {
            ApiClient someoneElse = ApiClient.onPort(port).as("ma", "person-72", role);
            assertThat(someoneElse.get(endorsement).status()).as(role).isEqualTo(404);
            assertThat(someoneElse.get(endorsement + "/progress").status()).as(role).isEqualTo(404);
        }
        ApiClient otherEndorsee = ApiClient.onPort(port).as("ma", "person-72", "ENDORSEE");
        assertThat(otherEndorsee.post(endorsement + "/code-of-ethics", null).status()).isEqualTo(404);
        assertThat(otherEndorsee.put(endorsement + "/email-address", Map.of("emailAddress", "x@example.org"))
                .status()).isEqualTo(404);
        assertThat(ApiClient.onPort(port).as("ma", "auditor-ma", "AUDITOR").get(endorsement).status())
                .isEqualTo(200);
        // Invalid bodies: without the role, 403 and never which field is wrong.
        Response revocation = ApiClient.onPort(port).as("ma", "auditor-ma", "AUDITOR")
                .post(endorsement + "/revocation", Map.of());
        Response email = ApiClient.onPort(port).as("ma", "coordinator-ma", "COORDINATOR")
                .put(endorsement + "/email-address", Map.of("emailAddress", "not an address"));
        assertThat(revocation.status()).as(revocation.text()).isEqualTo(403);
        assertThat(revocation.at("/detail")).isEqualTo("Only a coordinator revokes an endorsement");
        assertThat(email.status()).as(email.text()).isEqualTo(403);
        assertThat(countEvents("MA-000071", "")).isEqualTo(before);
    }

    @Test
    void anAuditorSeesAnEndorsementAsItWasOnHoldAndARebuildGivesTheSameViews() {
        CLOCK.set(Instant.parse("2027-01-04T12:00:00Z"));
        grant("ma", "MA-000091", "person-91", "IMHS", LocalDate.of(2027, 12, 31));
        ApiClient endorsee = ApiClient.onPort(port).as("ma", "person-91", "APPLICANT");
        ApiClient auditor = ApiClient.onPort(port).as("ma", "auditor-ma", "AUDITOR");
        CLOCK.set(Instant.parse("2027-03-01T12:00:00Z"));
        assertThat(endorsee.post("/api/endorsements/MA-000091/inactivation", null).at("/status")).isEqualTo("INACTIVE");
        Response shownThen = endorsee.get("/api/endorsements/MA-000091");
        CLOCK.set(Instant.parse("2028-03-01T12:00:00Z"));
        assertThat(endorsee.post("/api/endorsements/MA-000091/reactivation", null).at("/status")).isEqualTo("ACTIVE");

        Response state = auditor.get("/api/audit/endorsements/MA-000091/state?at=2027-06-01T00:00:00Z");
        assertThat(state.status()).as(state.text()).isEqualTo(200);
        assertThat(state.body().get("view")).isEqualTo(shownThen.body());
        assertThat(auditor.get("/api/audit/endorsements/MA-000091/events").body().findValuesAsText("type"))
                .containsSubsequence("EndorsementActivated", "EndorsementInactivated", "EndorsementReactivated");
        assertThat(auditor.get("/api/audit/endorsements/MA-000091/verification").at("/intact")).isEqualTo("true");
        assertThat(ApiClient.onPort(port).as("wa", "auditor-wa", "AUDITOR")
                .get("/api/audit/endorsements/MA-000091/events").status()).isEqualTo(404);

        List<Map<String, Object>> before = new ArrayList<>(
                jdbc.queryForList("SELECT * FROM endorsement_view ORDER BY endorsement_number"));
        before.addAll(jdbc.queryForList("SELECT * FROM provider_period ORDER BY 1, 2, 3, 4"));
        ApiClient operator = ApiClient.onPort(port).as("ma", "operator-1", "PLATFORM_ADMIN");
        for (String readModel : List.of("endorsement-view", "reflective-supervision-providers")) {
            Response started = operator.post("/api/endorsements/read-models/" + readModel + "/rebuilds", null);
            assertThat(started.status()).as(started.text()).isEqualTo(202);
            String progress = "/api/endorsements/read-models/rebuilds/" + started.at("/id");
            await().atMost(Duration.ofSeconds(30)).until(() -> !"RUNNING".equals(operator.get(progress).at("/status")));
            assertThat(operator.get(progress).at("/status")).as(readModel).isEqualTo("DONE");
        }
        List<Map<String, Object>> after = new ArrayList<>(
                jdbc.queryForList("SELECT * FROM endorsement_view ORDER BY endorsement_number"));
        after.addAll(jdbc.queryForList("SELECT * FROM provider_period ORDER BY 1, 2, 3, 4"));
        assertThat(after).isEqualTo(before);
    }

    @Test
    void theContactEmailOfTheGrantIsWhereRemindersGoUntilTheEndorseeNamesAnother() {
        grant("ma", "MA-000097", "person-97", "IFA", LocalDate.of(2027, 12, 31), "person-97@example.org");
        ApiClient endorsee = ApiClient.onPort(port).as("ma", "person-97", "APPLICANT");
        assertThat(endorsee.get("/api/endorsements/MA-000097").at("/emailAddress")).isEqualTo("person-97@example.org");
        assertThat(endorsee.put("/api/endorsements/MA-000097/email-address", Map.of("emailAddress",
                "zoe.home@example.org")).at("/emailAddress")).isEqualTo("zoe.home@example.org");
        assertThat(countEvents("MA-000097", "EmailAddressRecorded")).isEqualTo(2);
    }

    @Test
    void eachAssociationsDayEndsAtMidnightInItsOwnTimeZoneNotInUtc() {
        grant("ma", "MA-000131", "person-131", "IFA", LocalDate.of(2027, 12, 31));
        grant("wa", "WA-000132", "person-132", "IFA", LocalDate.of(2027, 12, 31));
        ApiClient waEndorsee = ApiClient.onPort(port).as("wa", "person-132", "APPLICANT");
        ApiClient maCoordinator = ApiClient.onPort(port).as("ma", "coordinator-ma", "COORDINATOR");

        // 4:30 pm in Seattle on September 30 is October 1 in UTC: Washington's window is not open yet.
        CLOCK.set(Instant.parse("2027-09-30T23:30:00Z"));
        schedule.sweep();
        assertThat(countEvents("WA-000132", "RenewalWindowOpened")).isZero();
        assertThat(waEndorsee.post("/api/endorsements/WA-000132/renewal", null).at("/rule"))
                .isEqualTo("renewal-window-closed");
        // A training attended "today" in Seattle is not in the future, though UTC is a day ahead.
        assertThat(waEndorsee.post("/api/endorsements/WA-000132/trainings",
                Map.of("title", "Evening session", "attendedOn", "2027-09-30", "hours", 2)).status()).isEqualTo(200);
        CLOCK.set(Instant.parse("2027-10-01T07:30:00Z"));
        schedule.sweep();
        assertThat(countEvents("WA-000132", "RenewalWindowOpened")).isEqualTo(1);

        // Massachusetts (30 days' grace after December 31): at 7:30 pm in Boston on January 30 it has not lapsed,
        // though it is January 31 in UTC; it lapses when January 31 begins in Boston.
        CLOCK.set(Instant.parse("2028-01-31T00:30:00Z"));
        schedule.sweep();
        assertThat(maCoordinator.get("/api/endorsements/MA-000131").at("/status")).isEqualTo("ACTIVE");
        CLOCK.set(Instant.parse("2028-01-31T05:30:00Z"));
        schedule.sweep();
        Response lapsed = maCoordinator.get("/api/endorsements/MA-000131");
        assertThat(lapsed.at("/status")).isEqualTo("LAPSED");
        assertThat(lapsed.at("/statusSince")).isEqualTo("2028-01-31");

        // Granted at 10 pm on December 31 in Boston (January 1 in UTC): endorsed since 2026-12-31, so 2027 is its
        // first whole year and the 2027 renewal asks for it.
        EndorsementGranted newYearsEve = new EndorsementGranted("ma", "MA-000134", "app-MA-000134", "person-134",
                "Endorsee MA-000134", "IFA", Instant.parse("2027-01-01T03:00:00Z"), LocalDate.of(2027, 12, 31), null);
        publisher.publish(newYearsEve, new GenericEventMessage<>(newYearsEve, Map.of(AuditMetadata.TENANT, "ma")));
        await().atMost(Duration.ofSeconds(30))
                .until(() -> maCoordinator.get("/api/endorsements/MA-000134").status() == 200);
        assertThat(maCoordinator.get("/api/endorsements/MA-000134").at("/endorsedSince")).isEqualTo("2026-12-31");
        assertThat(maCoordinator.get("/api/endorsements/MA-000134/progress").at("/years/0/year")).isEqualTo("2027");
    }

    @Test
    void anActivityDatedBefore1900OrYearsAheadIsRefusedNamingTheFieldAndStoresNothing() {
        grant("ma", "MA-000133", "person-133", "IFS", LocalDate.of(2027, 12, 31));
        ApiClient endorsee = ApiClient.onPort(port).as("ma", "person-133", "APPLICANT");
        CLOCK.set(Instant.parse("2027-06-01T12:00:00Z"));
        int before = countEvents("MA-000133", "");

        Response ancient = endorsee.post("/api/endorsements/MA-000133/trainings",
                Map.of("title", "Observation", "attendedOn", "1899-12-31", "hours", 3));
        assertThat(ancient.status()).isEqualTo(400);
        assertThat(ancient.at("/errors/0/field")).isEqualTo("attendedOn");
        assertThat(ancient.at("/errors/0/rule")).isEqualTo("DateRange");
        Response farAhead = endorsee.post("/api/endorsements/MA-000133/reflective-supervision",
                Map.of("providerNumber", "MA-000012", "sessionOn", "20270-05-01", "hours", 3));
        assertThat(farAhead.status()).isEqualTo(400);
        Response nextCentury = endorsee.put("/api/endorsements/MA-000133/trainings/any-entry",
                Map.of("title", "Observation", "attendedOn", "2127-05-01", "hours", 3));
        assertThat(nextCentury.status()).isEqualTo(400);
        assertThat(nextCentury.at("/errors/0/field")).isEqualTo("attendedOn");
        assertThat(countEvents("MA-000133", "")).isEqualTo(before);
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

    @Test
    void anImportedEndorseeClaimsTheirEndorsementByTheirVerifiedEmailOnceAndThenLogsActivityAsTheirOwn()
            throws Exception {
        importEndorsement("MA-L-0301", "IMHS", List.of(), "ACTIVE", LocalDate.of(2027, 12, 31));
        CLOCK.set(Instant.parse("2027-02-01T12:00:00Z"));
        String claim = "/api/endorsements/MA-L-0301/claim";
        ApiClient unverified = ApiClient.onPort(port).as("ma", "ana-0301", "APPLICANT", "ma-l-0301@example.org", false);
        ApiClient stranger = ApiClient.onPort(port).as("ma", "kim-0301", "APPLICANT", "kim@example.org", true);
        ApiClient ana = ApiClient.onPort(port).as("ma", "ana-0301", "APPLICANT", "MA-L-0301@Example.org", true);

        Response notVerified = unverified.post(claim, Map.of());
        Response notTheirs = stranger.post(claim, Map.of());
        assertThat(notVerified.status()).isEqualTo(409);
        assertThat(notVerified.at("/rule")).isEqualTo("email-not-verified");
        assertThat(notTheirs.status()).isEqualTo(409);
        assertThat(notTheirs.at("/rule")).isEqualTo("not-your-endorsement");
        assertThat(countEvents("MA-L-0301", "EndorsementClaimed")).isZero();
        Response before = ana.get("/api/endorsements/mine");
        assertThat(before.body().get("endorsements")).isEmpty();
        assertThat(before.at("/claimable/0/endorsementNumber")).isEqualTo("MA-L-0301");

        Response claimed = ana.post(claim, Map.of());
        Response again = ana.post(claim, Map.of());

        assertThat(claimed.status()).as(claimed.text()).isEqualTo(200);
        assertThat(claimed.at("/personId")).isEqualTo("ana-0301");
        assertThat(again.status()).isEqualTo(200);
        assertThat(countEvents("MA-L-0301", "EndorsementClaimed")).isEqualTo(1);
        ConsumerRecord<byte[], byte[]> published = awaitPublished(EndorsementClaimed.TYPE, "MA-L-0301");
        JsonNode data = new ObjectMapper().readTree(new String(published.value(), StandardCharsets.UTF_8));
        assertThat(data.get("personId").asText()).isEqualTo("ana-0301");
        // The topic is kept forever: the address the endorsement was held by stays in renewal-service's history.
        assertThat(data.has("email")).isFalse();
        assertThat(published.value()).asString(StandardCharsets.UTF_8).doesNotContain("@example.org");
        Response mine = ana.get("/api/endorsements/mine");
        assertThat(mine.at("/endorsements/0/endorsementNumber")).isEqualTo("MA-L-0301");
        assertThat(mine.body().get("claimable")).isEmpty();
        Response training = ana.post("/api/endorsements/MA-L-0301/trainings",
                Map.of("title", "Observation", "attendedOn", "2027-01-20", "hours", 3));
        assertThat(training.status()).as(training.text()).isEqualTo(200);
        assertThat(stranger.post(claim, Map.of()).at("/rule")).isEqualTo("not-your-endorsement");
    }

    @Test
    void anImportedEndorseeClaimsEveryEndorsementOfTheirAssociationHeldByTheirVerifiedEmailInOneRequest() {
        String email = "lee.many@example.org";
        importEndorsement("ma", "MA-L-0401", email, "IFS", "ACTIVE");
        importEndorsement("ma", "MA-L-0402", email, "IMHS", "LAPSED");
        importEndorsement("ma", "MA-L-0403", "someone.else@example.org", "IFA", "ACTIVE");
        importEndorsement("wa", "WA-L-0401", email, "IFA", "ACTIVE");
        CLOCK.set(Instant.parse("2027-02-01T12:00:00Z"));
        ApiClient unverified = ApiClient.onPort(port).as("ma", "lee-0401", "APPLICANT", email, false);
        ApiClient lee = ApiClient.onPort(port).as("ma", "lee-0401", "APPLICANT", "Lee.Many@Example.org", true);

        Response refused = unverified.post("/api/endorsements/claims", Map.of());
        assertThat(refused.status()).isEqualTo(409);
        assertThat(refused.at("/rule")).isEqualTo("email-not-verified");
        assertThat(unverified.get("/api/endorsements/mine").at("/verifiedEmail")).isNull();
        assertThat(countEvents("MA-L-0401", "EndorsementClaimed") + countEvents("MA-L-0402", "EndorsementClaimed"))
                .isZero();
        assertThat(lee.get("/api/endorsements/mine").at("/verifiedEmail")).isEqualTo(email);

        Response claimed = lee.post("/api/endorsements/claims", Map.of());
        Response again = lee.post("/api/endorsements/claims", Map.of());

        assertThat(claimed.status()).as(claimed.text()).isEqualTo(200);
        assertThat(claimed.body().get("claimed")).extracting(view -> view.get("endorsementNumber").asText())
                .containsExactly("MA-L-0401", "MA-L-0402");
        assertThat(claimed.at("/claimed/1/personId")).isEqualTo("lee-0401");
        assertThat(again.status()).as(again.text()).isEqualTo(200);
        assertThat(again.body().get("claimed")).isEmpty();
        assertThat(countEvents("MA-L-0401", "EndorsementClaimed")).isEqualTo(1);
        assertThat(countEvents("MA-L-0402", "EndorsementClaimed")).isEqualTo(1);
        // Another address's endorsement, and one of another association, stay where they were.
        assertThat(countEvents("MA-L-0403", "EndorsementClaimed")).isZero();
        assertThat(countEvents("WA-L-0401", "EndorsementClaimed")).isZero();
        Response mine = lee.get("/api/endorsements/mine");
        assertThat(mine.body().get("endorsements")).extracting(view -> view.get("endorsementNumber").asText())
                .containsExactly("MA-L-0401", "MA-L-0402");
        assertThat(mine.body().get("claimable")).isEmpty();
    }

    private static final String SHA = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08";

    private void importEndorsement(String number, String category, List<String> addOns, String status,
                                   LocalDate validThrough) {
        importEndorsement("ma", number, number.toLowerCase() + "@example.org", category, addOns, status,
                validThrough);
    }

    private void importEndorsement(String tenant, String number, String email, String category, String status) {
        importEndorsement(tenant, number, email, category, List.of(), status, LocalDate.of(2027, 12, 31));
    }

    private void importEndorsement(String tenant, String number, String email, String category, List<String> addOns,
                                   String status, LocalDate validThrough) {
        EndorsementImported event = new EndorsementImported(tenant, number, EndorsementImported.personOf(email),
                "Endorsee " + number, email, category, addOns, LocalDate.of(2014, 5, 1), validThrough, status,
                "admin-" + tenant, Instant.parse("2026-11-22T10:00:00Z"), SHA);
        publisher.publish(event, new GenericEventMessage<>(event, Map.of(AuditMetadata.TENANT, tenant)));
        await().atMost(Duration.ofSeconds(30)).until(() -> jdbc.queryForObject(
                "SELECT count(*) FROM endorsement_view WHERE endorsement_number = ?", Integer.class, number) == 1);
    }

    private void grant(String tenant, String number, String person, String category, LocalDate validThrough) {
        grant(tenant, number, person, category, validThrough, null);
    }

    private void grant(String tenant, String number, String person, String category, LocalDate validThrough,
                       String email) {
        EndorsementGranted event = new EndorsementGranted(tenant, number, "app-" + number, person, "Endorsee " + number,
                category, Instant.parse("2026-11-22T10:00:00Z"), validThrough, email);
        publisher.publish(event, new GenericEventMessage<>(event, Map.of(AuditMetadata.TENANT, tenant)));
        await().atMost(Duration.ofSeconds(30)).until(() -> jdbc.queryForObject(
                "SELECT count(*) FROM endorsement_view WHERE endorsement_number = ?", Integer.class, number) == 1);
    }

    /** The renewal reminders (and window openings) mailed to {@code address}, oldest first. */
    private static List<MimeMessage> reminders(String address) {
        return RealInfrastructure.smtp().receivedFor(address).stream()
                .filter(mail -> SmtpServer.messageId(mail).startsWith("<renewal-reminder.")).toList();
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
