package org.iecmh.endorsement.registry.search;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.iecmh.endorsement.contracts.EndorsementLapsed;
import org.iecmh.endorsement.contracts.EndorsementReactivated;
import org.iecmh.endorsement.contracts.IntegrationEvent;
import org.iecmh.endorsement.contracts.IntegrationEventType;
import org.iecmh.endorsement.contracts.Topics;
import org.iecmh.endorsement.kit.messaging.CloudEventHeaders;
import org.iecmh.endorsement.kit.messaging.Inbox;
import org.iecmh.endorsement.kit.messaging.ReceivedEvent;
import org.iecmh.endorsement.registry.RegistryServiceApplication;
import org.iecmh.endorsement.testkit.Given;
import org.iecmh.endorsement.testkit.KafkaTopics;
import org.iecmh.endorsement.testkit.RealInfrastructure;
import org.iecmh.endorsement.testkit.WithRealInfrastructure;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.cloud.stream.binding.BindingsLifecycleController;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.kafka.support.KafkaHeaders;
import org.springframework.messaging.Message;
import org.springframework.messaging.support.MessageBuilder;
import org.springframework.transaction.support.TransactionTemplate;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * How registry-service takes in events, on the real PostgreSQL server and Kafka broker: a poll's records are applied
 * in one transaction, each event once however often it comes, a record that keeps failing is parked on the dead-letter
 * topic while the others are applied.
 */
@SpringBootTest(classes = RegistryServiceApplication.class, properties = "spring.config.name=" + RegistryServiceApplication.NAME)
@WithRealInfrastructure
class RegistryIngestTest {

    private static final Instant GRANTED = Instant.parse("2026-11-22T10:00:00Z");

    @Autowired
    Inbox inbox;
    @Autowired
    Registry registry;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    TransactionTemplate transaction;
    @Autowired
    BindingsLifecycleController bindings;
    @Autowired
    @Qualifier("defaultAxonObjectMapper")
    ObjectMapper json;
    @Value("${iecmh.kafka.prefix}")
    String prefix;

    @Test
    void theInboxHandsEachEventOfABatchToTheHandlerOnceAndInOrder() {
        String consumer = "batch-" + UUID.randomUUID();
        Event first = grant("MA-100001", "First Fennel");
        Event second = grant("MA-100002", "Second Sage");
        Event third = grant("MA-100003", "Third Thyme");
        Event fourth = grant("MA-100004", "Fourth Fig");
        List<String> handed = new ArrayList<>();

        int handled = inbox.receiveBatch(consumer, batch(first, second, first, third),
                events -> events.forEach(event -> handed.add(event.id())));
        // The earlier batch delivered again, with one new event among it.
        int handledAgain = inbox.receiveBatch(consumer, batch(second, third, fourth, first),
                events -> events.forEach(event -> handed.add(event.id())));

        assertThat(handled).isEqualTo(3);
        assertThat(handledAgain).isEqualTo(1);
        assertThat(handed).containsExactly(first.id(), second.id(), third.id(), fourth.id());
        assertThat(jdbc.queryForObject("SELECT count(*) FROM inbox WHERE consumer = ?", Integer.class, consumer))
                .isEqualTo(4);
    }

    @Test
    void aBatchWithRepeatedEventsAndARedeliveryAppliesEachEventOnce() {
        Instant moment = Instant.parse("2027-03-01T12:00:00Z");
        Event granted = grant("MA-100101", "Once Oregano");
        Event markerGranted = grant("MA-100102", "Marker Marjoram");
        sendWhileStopped("applicationEvents-in-0", Topics.APPLICATIONS, granted, markerGranted);
        await().atMost(Duration.ofSeconds(30)).until(() -> registry.find("MA-100102").isPresent());
        // A reactivation and a lapse of the same moment: applied in order the lapse wins; the reactivation applied
        // a second time would win instead.
        Event reactivated = event(new EndorsementReactivated("ma", "MA-100101", moment, LocalDate.of(2028, 12, 31)));
        Event lapsed = event(new EndorsementLapsed("ma", "MA-100101", moment));
        Event marker = event(new EndorsementLapsed("ma", "MA-100102", moment));
        Event laterMarker = event(new EndorsementReactivated("ma", "MA-100102", moment.plusSeconds(60),
                LocalDate.of(2029, 12, 31)));

        sendWhileStopped("endorsementEvents-in-0", Topics.ENDORSEMENTS, reactivated, lapsed, reactivated, marker);
        await().atMost(Duration.ofSeconds(30)).until(() -> handledByRegistry(marker.id()));
        // The same batch delivered again (as after a crash before its offsets were committed), then something new.
        sendWhileStopped("endorsementEvents-in-0", Topics.ENDORSEMENTS, reactivated, lapsed, reactivated, marker,
                laterMarker);
        await().atMost(Duration.ofSeconds(30)).until(() -> handledByRegistry(laterMarker.id()));

        EndorsementRecord record = registry.find("MA-100101").orElseThrow();
        assertThat(record.status()).isEqualTo(EndorsementStatus.LAPSED);
        assertThat(record.entry().validThrough()).isEqualTo(LocalDate.of(2028, 12, 31));
        assertThat(registry.find("MA-100102").orElseThrow().status()).isEqualTo(EndorsementStatus.ACTIVE);
        for (Event event : List.of(granted, reactivated, lapsed, marker, laterMarker)) {
            assertThat(jdbc.queryForObject("SELECT count(*) FROM inbox WHERE consumer = ? AND event_id = ?",
                    Integer.class, RegistryServiceApplication.NAME, event.id())).isEqualTo(1);
        }
        assertThat(KafkaTopics.everythingOn(deadLetterTopic(Topics.ENDORSEMENTS))).isEmpty();
    }

    @Test
    void aRecordThatKeepsFailingIsParkedOnTheDeadLetterTopicWhileTheOthersOfItsBatchAreApplied() {
        Event before = grant("WA-100201", "Good Ginger");
        // Longer than the registry keeps a name: the database refuses it however often it is tried.
        Event poison = grant("WA-100202", "Poison " + "P".repeat(300));
        Event after = grant("WA-100203", "Good Galangal");

        sendWhileStopped("applicationEvents-in-0", Topics.APPLICATIONS, before, poison, after);

        ConsumerRecord<byte[], byte[]> parked = KafkaTopics.awaitFirst(deadLetterTopic(Topics.APPLICATIONS),
                r -> poison.id().equals(KafkaTopics.header(r, CloudEventHeaders.ID)));
        await().atMost(Duration.ofSeconds(30)).until(() -> registry.find("WA-100203").isPresent());
        assertThat(KafkaTopics.key(parked)).isEqualTo("WA-100202");
        assertThat(registry.find("WA-100201")).isPresent();
        assertThat(registry.find("WA-100202")).isEmpty();
        assertThat(KafkaTopics.everythingOn(deadLetterTopic(Topics.APPLICATIONS)))
                .extracting(r -> KafkaTopics.header(r, CloudEventHeaders.ID)).containsExactly(poison.id());
        assertThat(jdbc.queryForObject("SELECT count(*) FROM inbox WHERE event_id = ?", Integer.class, poison.id()))
                .isZero();
    }

    /** An event as it travels: its CloudEvents id, the record's payload and headers. */
    private record Event(String id, String key, byte[] payload, Map<String, Object> headers) {
    }

    private Event grant(String number, String name) {
        return event(Given.grantedEndorsement(number).named(name).in("IFA").grantedAt(GRANTED).event());
    }

    private Event event(IntegrationEvent event) {
        String id = UUID.randomUUID().toString();
        try {
            return new Event(id, event.partitionKey(), json.writeValueAsBytes(event), Map.of(
                    CloudEventHeaders.ID, id.getBytes(StandardCharsets.UTF_8),
                    CloudEventHeaders.TYPE, IntegrationEventType.of(event.getClass()).type()
                            .getBytes(StandardCharsets.UTF_8),
                    CloudEventHeaders.TENANT, event.tenantId().getBytes(StandardCharsets.UTF_8)));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A batch as the binder hands it to a consumer: the payloads, and each record's headers beside them. */
    private static Message<List<byte[]>> batch(Event... events) {
        return MessageBuilder.withPayload(List.of(events).stream().map(Event::payload).toList())
                .setHeader(KafkaHeaders.BATCH_CONVERTED_HEADERS, List.of(events).stream().map(Event::headers).toList())
                .build();
    }

    /**
     * Sends the events while the binding's consumer is stopped, so that they reach it together, in one poll, once
     * it starts again.
     */
    private void sendWhileStopped(String binding, String topic, Event... events) {
        bindings.stop(binding);
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, RealInfrastructure.kafka().bootstrapServers(),
                ProducerConfig.LINGER_MS_CONFIG, 50,
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class))) {
            for (Event event : events) {
                ProducerRecord<byte[], byte[]> record = new ProducerRecord<>(prefix + topic,
                        event.key().getBytes(StandardCharsets.UTF_8), event.payload());
                event.headers().forEach((name, value) -> record.headers().add(name, (byte[]) value));
                producer.send(record);
            }
            producer.flush();
        } finally {
            bindings.start(binding);
        }
    }

    private boolean handledByRegistry(String eventId) {
        return inbox.hasHandled(RegistryServiceApplication.NAME, eventId);
    }

    private String deadLetterTopic(String topic) {
        return "error." + prefix + topic + "." + prefix + RegistryServiceApplication.NAME;
    }
}
