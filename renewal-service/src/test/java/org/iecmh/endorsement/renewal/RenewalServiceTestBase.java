package org.iecmh.endorsement.renewal;

import jakarta.mail.internet.MimeMessage;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.GenericEventMessage;
import org.iecmh.endorsement.contracts.EndorsementGranted;
import org.iecmh.endorsement.contracts.EndorsementImported;
import org.iecmh.endorsement.contracts.MembershipActive;
import org.iecmh.endorsement.contracts.Topics;
import org.iecmh.endorsement.contracts.association.Association;
import org.iecmh.endorsement.contracts.association.FeeSchedule;
import org.iecmh.endorsement.contracts.association.RenewalVersion;
import org.iecmh.endorsement.kit.audit.AuditMetadata;
import org.iecmh.endorsement.kit.messaging.CloudEventHeaders;
import org.iecmh.endorsement.kit.messaging.IntegrationEventPublisher;
import org.iecmh.endorsement.renewal.schedule.Schedule;
import org.iecmh.endorsement.testkit.ApiClient;
import org.iecmh.endorsement.testkit.ApiClient.Response;
import org.iecmh.endorsement.testkit.KafkaTopics;
import org.iecmh.endorsement.testkit.PublishedAssociations;
import org.iecmh.endorsement.testkit.MutableClock;
import org.iecmh.endorsement.testkit.RealInfrastructure;
import org.iecmh.endorsement.testkit.RealInfrastructureProperties;
import org.iecmh.endorsement.testkit.SmtpServer;
import org.iecmh.endorsement.testkit.WithRealInfrastructure;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * renewal-service on the real PostgreSQL server, Kafka broker and S3 server, as every feature's service test starts
 * it: one Spring context for them all (the subclasses share it), the clock they move, the associations they renew for,
 * and the steps they share (a grant, an import, a year logged, a membership paid, a sweep of the schedule, what was
 * stored and published).
 */
@SpringBootTest(classes = RenewalServiceApplication.class,
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"spring.config.name=" + RenewalServiceApplication.NAME, "iecmh.schedule.automatic=false"})
@WithRealInfrastructure
@Import(RenewalServiceTestBase.MovableClock.class)
public abstract class RenewalServiceTestBase {

    /** Shared by every instance a test starts, so that moving it moves time for all of them. */
    protected static final MutableClock CLOCK = new MutableClock(Instant.parse("2026-11-22T10:00:00Z"));

    @TestConfiguration
    public static class MovableClock {
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
        // The file store on the real S3 server, in a bucket of the context's own; evidence kept to small files.
        RealInfrastructureProperties.forFiles("renewal-service")
                .forEach((name, value) -> registry.add(name, () -> value));
        registry.add("iecmh.renewal.evidence.max-file-size", () -> "256KB");
    }

    @Autowired
    protected Schedule schedule;

    @Autowired
    protected Environment environment;

    @Value("${iecmh.kafka.prefix}")
    protected String kafkaPrefix;

    @LocalServerPort
    protected int port;

    @Autowired
    protected IntegrationEventPublisher publisher;

    @Autowired
    protected JdbcTemplate jdbc;

    @Autowired
    protected EventProcessingConfiguration processing;

    /**
     * The seed's associations, and {@code ty}, which only these stories know: yearly renewal with DEI hours, and a
     * grace period whose renewals owe the late fee of its fee schedule ($25).
     */
    @BeforeEach
    protected void associationsAreKnown() {
        Association ma = PublishedAssociations.seeded("ma");
        FeeSchedule prices = ma.fees().get(0);
        Association ty = PublishedAssociations.copy(ma, "ty", "Test association", "America/Chicago")
                .withRenewal(List.of(new RenewalVersion(LocalDate.of(2020, 1, 1), "yearly", "12-31", "10-01", null,
                        null, null, 30, null, List.of(30), 15, 3, null, null, true, true, 0, false, null)))
                .withFees(List.of(new FeeSchedule(prices.effectiveFrom(), prices.currency(), prices.dueDays(),
                        prices.registration(), prices.processing(), prices.membershipDues(), prices.renewal(),
                        2_500L, prices.reinstatement(), prices.nonRefundable())));
        List<Association> known = new ArrayList<>(PublishedAssociations.seed());
        known.add(ty);
        PublishedAssociations.publishOnce(environment, known);
    }

    protected List<String> stepsOf(String number) {
        return jdbc.queryForList("""
                SELECT step || ' ' || days_before || ' ' || due_on FROM scheduled_step WHERE endorsement_number = ?
                ORDER BY due_on, step""", String.class, number);
    }

    /** The year's training, reflective supervision with an endorsed provider and the code of ethics, in that year. */
    protected void logYear(ApiClient endorsee, int year) {
        logYear(endorsee, "WA-000021", "WA-000003", year);
    }

    protected void logYear(ApiClient endorsee, String number, String provider, int year) {
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

    protected void membership(String tenant, String person, LocalDate through) {
        membership(tenant, person, through.withDayOfYear(1), through);
    }

    protected void membership(String tenant, String person, LocalDate from, LocalDate through) {
        MembershipActive event = new MembershipActive(tenant, person, "INV-" + through, through, from);
        publisher.publish(event, new GenericEventMessage<>(event, Map.of(AuditMetadata.TENANT, tenant)));
    }

    protected static final String SHA = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08";

    protected void importEndorsement(String number, String category, List<String> addOns, String status,
                                   LocalDate validThrough) {
        importEndorsement("ma", number, number.toLowerCase() + "@example.org", category, addOns, status,
                validThrough);
    }

    protected void importEndorsement(String tenant, String number, String email, String category, String status) {
        importEndorsement(tenant, number, email, category, List.of(), status, LocalDate.of(2027, 12, 31));
    }

    protected void importEndorsement(String tenant, String number, String email, String category, List<String> addOns,
                                   String status, LocalDate validThrough) {
        EndorsementImported event = new EndorsementImported(tenant, number, EndorsementImported.personOf(email),
                "Endorsee " + number, email, category, addOns, LocalDate.of(2014, 5, 1), validThrough, status,
                "admin-" + tenant, Instant.parse("2026-11-22T10:00:00Z"), SHA);
        publisher.publish(event, new GenericEventMessage<>(event, Map.of(AuditMetadata.TENANT, tenant)));
        await().atMost(Duration.ofSeconds(30)).until(() -> jdbc.queryForObject(
                "SELECT count(*) FROM endorsement_view WHERE endorsement_number = ?", Integer.class, number) == 1);
    }

    protected void grant(String tenant, String number, String person, String category, LocalDate validThrough) {
        grant(tenant, number, person, category, validThrough, null);
    }

    protected void grant(String tenant, String number, String person, String category, LocalDate validThrough,
                       String email) {
        EndorsementGranted event = new EndorsementGranted(tenant, number, "app-" + number, person, "Endorsee " + number,
                category, Instant.parse("2026-11-22T10:00:00Z"), validThrough, email);
        publisher.publish(event, new GenericEventMessage<>(event, Map.of(AuditMetadata.TENANT, tenant)));
        await().atMost(Duration.ofSeconds(30)).until(() -> jdbc.queryForObject(
                "SELECT count(*) FROM endorsement_view WHERE endorsement_number = ?", Integer.class, number) == 1);
    }

    /** The renewal reminders (and window openings) mailed to {@code address}, oldest first. */
    protected static List<MimeMessage> reminders(String address) {
        return RealInfrastructure.smtp().receivedFor(address).stream()
                .filter(mail -> SmtpServer.messageId(mail).startsWith("<renewal-reminder.")).toList();
    }

    protected void sweepOn(LocalDate day) {
        CLOCK.set(day.atTime(12, 0).toInstant(ZoneOffset.UTC));
        schedule.sweep();
    }

    protected int countEvents(String number, String type) {
        return jdbc.queryForObject("SELECT count(*) FROM domain_event_entry WHERE aggregate_identifier = ? "
                + "AND payload_type LIKE ?", Integer.class, number, "%." + type);
    }

    protected ConsumerRecord<byte[], byte[]> awaitPublished(String type, String number) {
        return KafkaTopics.awaitFirst(kafkaPrefix + Topics.ENDORSEMENTS,
                record -> type.equals(KafkaTopics.header(record, CloudEventHeaders.TYPE))
                        && number.equals(KafkaTopics.key(record)));
    }
}
