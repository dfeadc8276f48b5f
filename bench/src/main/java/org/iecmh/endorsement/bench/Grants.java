package org.iecmh.endorsement.bench;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.iecmh.endorsement.contracts.EndorsementGranted;
import org.iecmh.endorsement.contracts.Topics;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Future;

/**
 * EndorsementGranted integration events as application-service publishes them (service-kit's
 * {@code IntegrationEventPublisher}): CloudEvents in Kafka binary mode, each attribute a {@code ce_} header of raw
 * UTF-8 bytes, the record's key the endorsement number and its value the event's JSON, on
 * {@code endorsement.applications}. registry-service lists each; renewal-service keeps each as an endorsement too.
 */
final class Grants implements AutoCloseable {

    private final KafkaProducer<byte[], byte[]> producer;
    private final String topic;

    /** A publisher that sends each grant at once, for timing one grant's way. */
    static Grants oneAtATime(Target target) {
        return new Grants(target, 0);
    }

    /**
     * A publisher of many grants at once, that waits up to 5 ms to fill a batch (Kafka's own default), as a bulk
     * publisher would: the ingest is timed from grants that arrive as fast as the broker takes them.
     */
    static Grants inBulk(Target target) {
        return new Grants(target, 5);
    }

    private Grants(Target target, int lingerMillis) {
        this.topic = target.topic(Topics.APPLICATIONS);
        this.producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, target.kafkaBootstrap(),
                // As the services send: acknowledged by every in-sync replica.
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.LINGER_MS_CONFIG, Integer.toString(lingerMillis),
                ProducerConfig.CLIENT_ID_CONFIG, "bench-grants"),
                new ByteArraySerializer(), new ByteArraySerializer());
    }

    String topic() {
        return topic;
    }

    KafkaProducer<byte[], byte[]> producer() {
        return producer;
    }

    /** Publishes the grant of {@code number} to {@code name} in the tenant ma. */
    Future<RecordMetadata> grant(String number, String name) {
        Instant grantedAt = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        String tenant = "ma";
        String value = "{\"tenantId\":" + Json.quote(tenant)
                + ",\"endorsementNumber\":" + Json.quote(number)
                + ",\"applicationId\":" + Json.quote("bench-application-" + number)
                + ",\"personId\":" + Json.quote("bench-person-" + number)
                + ",\"endorseeName\":" + Json.quote(name)
                + ",\"category\":\"IMHS\""
                + ",\"grantedAt\":" + Json.quote(grantedAt.toString())
                + ",\"validThrough\":" + Json.quote(LocalDate.now().plusYears(2).toString())
                + ",\"email\":null}";
        ProducerRecord<byte[], byte[]> record = new ProducerRecord<>(topic, null, bytes(number), bytes(value),
                List.of(header("ce_id", UUID.randomUUID().toString()),
                        header("ce_type", EndorsementGranted.TYPE),
                        header("ce_source", "/application-service"),
                        header("ce_specversion", "1.0"),
                        header("ce_time", grantedAt.toString()),
                        header("ce_subject", number),
                        header("ce_tenantid", tenant),
                        header("ce_correlationid", UUID.randomUUID().toString()),
                        header("content-type", "application/json")));
        return producer.send(record);
    }

    private static RecordHeader header(String name, String value) {
        return new RecordHeader(name, bytes(value));
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public void close() {
        producer.close();
    }
}
