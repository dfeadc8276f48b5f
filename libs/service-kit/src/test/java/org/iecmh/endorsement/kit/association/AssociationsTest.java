package org.iecmh.endorsement.kit.association;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.iecmh.endorsement.contracts.Topics;
import org.iecmh.endorsement.contracts.association.Association;
import org.iecmh.endorsement.contracts.association.AssociationChanged;
import org.iecmh.endorsement.contracts.association.AssociationSeed;
import org.iecmh.endorsement.contracts.association.FeeSchedule;
import org.iecmh.endorsement.kit.messaging.DeadLetters;
import org.iecmh.endorsement.kit.messaging.Inbox;
import org.iecmh.endorsement.kit.messaging.KafkaNames;
import org.iecmh.endorsement.kit.messaging.LatestPerKeyTopics;
import org.iecmh.endorsement.kit.sample.SampleApplication;
import org.iecmh.endorsement.kit.sample.SampleAssociationChanges;
import org.iecmh.endorsement.kit.web.UnknownResource;
import org.iecmh.endorsement.testkit.KafkaTopics;
import org.iecmh.endorsement.testkit.RealInfrastructure;
import org.iecmh.endorsement.testkit.WithRealInfrastructure;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * A service's local view of the associations, fed by AssociationChanged records on the real broker (a compacted topic,
 * as the service made it) and kept in the real PostgreSQL server.
 */
@SpringBootTest(classes = SampleApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@WithRealInfrastructure
class AssociationsTest {

    private static final Duration WAIT = Duration.ofSeconds(30);

    @Autowired
    Associations associations;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    Inbox inbox;
    @Autowired
    SampleAssociationChanges changes;
    @Autowired
    DeadLetters deadLetters;
    @Autowired
    @Qualifier("defaultAxonObjectMapper")
    ObjectMapper json;
    @Value("${iecmh.kafka.prefix}")
    String kafkaPrefix;

    private final Association ma = AssociationSeed.load().get(0);

    @Test
    void aPublishedRecordIsKeptAndReadFromTheView() throws Exception {
        String code = uniqueCode();
        Association association = as(code, ma);

        String eventId = publish(new AssociationChanged(code, 1, Instant.parse("2026-11-22T10:00:00Z"), "admin-1",
                association));

        await().atMost(WAIT).until(() -> associations.find(code).isPresent());
        assertThat(associations.require(code)).isEqualTo(association);
        assertThat(associations.all()).extracting(Association::code).contains(code);
        assertThat(associations.require(code).feesOn(LocalDate.of(2026, 11, 22)).processing().get(3))
                .isEqualTo(30_000L);
        assertThat(jdbc.queryForObject("SELECT record ->> 'timeZone' FROM association_view WHERE code = ?",
                String.class, code)).isEqualTo("America/New_York");
        assertThat(inbox.hasHandled("kit-test", eventId)).isTrue();
    }

    @Test
    void aLaterSequenceReplacesTheRecordAndAnOlderOneIsIgnored() throws Exception {
        String code = uniqueCode();
        Association first = as(code, ma);
        FeeSchedule current = first.fees().get(0);
        Association raised = first.withFees(List.of(current, new FeeSchedule(LocalDate.of(2027, 1, 1), "USD", 30,
                current.registration(), current.processing(), null, null, null, null, null)));

        publish(new AssociationChanged(code, 2, Instant.parse("2026-11-22T10:00:00Z"), "admin-1", raised));
        await().atMost(WAIT).until(() -> associations.find(code).isPresent());
        String stale = publish(new AssociationChanged(code, 1, Instant.parse("2026-11-21T10:00:00Z"), "admin-1",
                first));
        await().atMost(WAIT).until(() -> inbox.hasHandled("kit-test", stale));

        assertThat(associations.require(code).fees()).hasSize(2);
        assertThat(associations.requireKept(code).sequence()).isEqualTo(2L);
        assertThat(jdbc.queryForObject("SELECT sequence FROM association_view WHERE code = ?", Long.class, code))
                .isEqualTo(2L);
    }

    @Test
    void aRedeliveredRecordIsHandledOnce() throws Exception {
        String code = uniqueCode();
        AssociationChanged changed = new AssociationChanged(code, 5, Instant.parse("2026-11-22T10:00:00Z"),
                "admin-1", as(code, ma));
        String eventId = UUID.randomUUID().toString();

        send(changed, eventId);
        send(changed, eventId);
        String after = publish(new AssociationChanged(code, 6, Instant.parse("2026-11-22T11:00:00Z"), "admin-1",
                as(code, ma)));
        await().atMost(WAIT).until(() -> inbox.hasHandled("kit-test", after));

        assertThat(jdbc.queryForObject("SELECT count(*) FROM inbox WHERE consumer = 'kit-test' AND event_id = ?",
                Integer.class, eventId)).isEqualTo(1);
        assertThat(jdbc.queryForObject("SELECT sequence FROM association_view WHERE code = ?", Long.class, code))
                .isEqualTo(6L);
    }

    @Test
    void aRowWrittenByAnotherInstanceReachesMemoryOnTheNextRefresh() throws Exception {
        String code = uniqueCode();
        jdbc.update("""
                INSERT INTO association_view (code, sequence, changed_at, changed_by, record)
                VALUES (?, 3, now(), 'admin-1', ?::jsonb)""", code, json.writeValueAsString(as(code, ma)));

        await().atMost(WAIT).until(() -> associations.find(code).isPresent());
        assertThat(associations.require(code).name()).isEqualTo(ma.name());
    }

    @Test
    void anUnknownAssociationIsAnUnknownResource() {
        assertThat(associations.find("zz-none")).isEmpty();
        assertThatThrownBy(() -> associations.require("zz-none")).isInstanceOf(UnknownResource.class)
                .hasMessage("No association zz-none");
    }

    @Test
    void theConsumerHasADeadLetterTopic() {
        assertThat(deadLetters.bindings()).anySatisfy(binding -> {
            assertThat(binding.name()).isEqualTo("associationEvents-in-0");
            assertThat(binding.topic()).isEqualTo(kafkaPrefix + Topics.ASSOCIATIONS);
        });
    }

    @Test
    void aListenerIsToldOfEachNewerRecordWithTheOneItReplacesAndOfNoOlderOne() throws Exception {
        String code = uniqueCode();
        Association first = as(code, ma);
        FeeSchedule current = first.fees().get(0);
        Association raised = first.withFees(List.of(current, new FeeSchedule(LocalDate.of(2027, 1, 1), "USD", 30,
                current.registration(), current.processing(), null, null, null, null, null)));

        publish(new AssociationChanged(code, 1, Instant.parse("2026-11-22T10:00:00Z"), "admin-1", first));
        publish(new AssociationChanged(code, 3, Instant.parse("2026-11-23T10:00:00Z"), "admin-1", raised));
        String older = publish(new AssociationChanged(code, 2, Instant.parse("2026-11-22T11:00:00Z"), "admin-1",
                first));

        await().atMost(WAIT).until(() -> inbox.hasHandled("kit-test", older));
        assertThat(changes.of(code)).containsExactly(code + ": none -> 1 fee schedule(s)",
                code + ": 1 fee schedule(s) -> 2 fee schedule(s)");
    }

    @Test
    void theTopicKeepsOnlyTheLatestRecordOfEachAssociationAndOneMadeBeforeIsMadeSoToo() throws Exception {
        Map<String, Object> client = Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                RealInfrastructure.kafka().bootstrapServers());
        // A topic the broker made with its defaults before the service started (a local platform's data from before).
        KafkaNames earlier = new KafkaNames("earlier-" + uniqueCode() + ".");
        try (Admin admin = Admin.create(client)) {
            admin.createTopics(List.of(new NewTopic(earlier.topic(Topics.ASSOCIATIONS), 1, (short) 1)))
                    .all().get(30, TimeUnit.SECONDS);
        }
        assertThat(cleanupPolicyOf(earlier.topic(Topics.ASSOCIATIONS), client)).isEqualTo("delete");

        LatestPerKeyTopics.ensure(earlier, client);

        for (String topic : List.of(kafkaPrefix + Topics.ASSOCIATIONS, earlier.topic(Topics.ASSOCIATIONS))) {
            assertThat(cleanupPolicyOf(topic, client)).as(topic).isEqualTo("compact");
            assertThat(configOf(topic, client).get("max.compaction.lag.ms").value()).as(topic)
                    .isEqualTo(String.valueOf(Duration.ofDays(7).toMillis()));
        }
    }

    private static String cleanupPolicyOf(String topic, Map<String, Object> client) throws Exception {
        return configOf(topic, client).get("cleanup.policy").value();
    }

    private static Config configOf(String topic, Map<String, Object> client) throws Exception {
        ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, topic);
        try (Admin admin = Admin.create(client)) {
            return admin.describeConfigs(List.of(resource)).all().get(30, TimeUnit.SECONDS).get(resource);
        }
    }

    private static Association as(String code, Association template) {
        return new Association(code, template.name(), template.state(), template.timeZone(), template.languages(),
                template.contact(), template.coordinator(), template.mailFrom(), template.noticesOff(),
                template.categories(),
                template.badgeIssuer(), template.exam(), template.references(), template.membership(),
                template.requirements(), template.fees(), template.renewal());
    }

    private static String uniqueCode() {
        return "t" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
    }

    private String publish(AssociationChanged changed) throws Exception {
        String id = UUID.randomUUID().toString();
        send(changed, id);
        return id;
    }

    private void send(AssociationChanged changed, String id) throws Exception {
        List<Header> headers = List.of(header("ce_id", id), header("ce_type", AssociationChanged.TYPE),
                header("ce_source", "/association-service"), header("ce_specversion", "1.0"),
                header("ce_tenantid", changed.tenantId()));
        KafkaTopics.send(new ProducerRecord<>(kafkaPrefix + Topics.ASSOCIATIONS, null,
                changed.partitionKey().getBytes(StandardCharsets.UTF_8), json.writeValueAsBytes(changed), headers));
    }

    private static Header header(String name, String value) {
        return new RecordHeader(name, value.getBytes(StandardCharsets.UTF_8));
    }
}
