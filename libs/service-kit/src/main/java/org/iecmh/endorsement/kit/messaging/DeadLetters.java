package org.iecmh.endorsement.kit.messaging;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The way back for dead letters. A record that kept failing waits on its consumer group's dead-letter topic
 * ({@code error.<topic>.<group>}); once the cause is fixed, an operator replays it: every record waiting on a
 * binding's dead-letter topic is sent again to the topic it came from, with its key and CloudEvents headers (the
 * binder's {@code x-exception-*} and {@code x-original-*} headers left behind), and then marked replayed by committing
 * the dead-letter topic's offsets for the group {@code <group>.dead-letter-replay}. Every consumer group of that topic
 * receives it again; those that had handled it drop it by its {@code ce_id} (their inbox), so nothing is doubled, and
 * if the replay stops before its commit, the next one sends the same records again, with the same effect. A record
 * that fails again goes back to the dead-letter topic. Replayed records come after the topic's newer ones: consumers
 * that apply changes by their effective time (the registry) are not affected by that order.
 */
public class DeadLetters {

    private static final Logger log = LoggerFactory.getLogger(DeadLetters.class);
    private static final Duration WAIT = Duration.ofSeconds(30);
    static final String REPLAY_GROUP_SUFFIX = ".dead-letter-replay";

    /** A consumer binding and where its dead letters wait. */
    public record Binding(String name, String topic, String group, String deadLetterTopic) {
    }

    /** How many of a binding's dead letters wait to be replayed. */
    public record Waiting(String binding, String topic, String deadLetterTopic, long waiting) {
    }

    /** What a replay sent back. */
    public record Replayed(String binding, String topic, String deadLetterTopic, long replayed) {
    }

    private final List<Binding> bindings;
    private final Map<String, Object> client;

    /** The dead-letter topic the binder gives a consumer group of a topic, unless a binding names its own. */
    public static String deadLetterTopic(String topic, String group) {
        return "error." + topic + "." + group;
    }

    /** {@code client}: the connection settings (bootstrap servers, TLS) of the service's Kafka clients. */
    public DeadLetters(List<Binding> bindings, Map<String, Object> client) {
        this.bindings = List.copyOf(bindings);
        this.client = Map.copyOf(client);
    }

    public List<Binding> bindings() {
        return bindings;
    }

    public Optional<Binding> binding(String name) {
        return bindings.stream().filter(binding -> binding.name().equals(name)).findFirst();
    }

    /** For each binding, how many records wait on its dead-letter topic. */
    public List<Waiting> waiting() {
        List<Waiting> waiting = new ArrayList<>();
        for (Binding binding : bindings) {
            try (KafkaConsumer<byte[], byte[]> consumer = consumer(binding)) {
                List<TopicPartition> partitions = partitions(consumer, binding.deadLetterTopic());
                Map<TopicPartition, Long> ends = consumer.endOffsets(partitions, WAIT);
                long count = 0;
                for (TopicPartition partition : partitions) {
                    count += ends.get(partition) - start(consumer, partition);
                }
                waiting.add(new Waiting(binding.name(), binding.topic(), binding.deadLetterTopic(), count));
            }
        }
        return waiting;
    }

    /** Sends every record waiting on the binding's dead-letter topic back to its topic; one replay at a time. */
    public synchronized Replayed replay(Binding binding) {
        long replayed = 0;
        try (KafkaConsumer<byte[], byte[]> consumer = consumer(binding);
             KafkaProducer<byte[], byte[]> producer = producer()) {
            List<TopicPartition> partitions = partitions(consumer, binding.deadLetterTopic());
            if (!partitions.isEmpty()) {
                consumer.assign(partitions);
                Map<TopicPartition, Long> ends = consumer.endOffsets(partitions, WAIT);
                for (TopicPartition partition : partitions) {
                    consumer.seek(partition, start(consumer, partition));
                }
                List<Future<RecordMetadata>> sent = new ArrayList<>();
                while (partitions.stream().anyMatch(p -> consumer.position(p, WAIT) < ends.get(p))) {
                    for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(500))) {
                        TopicPartition partition = new TopicPartition(record.topic(), record.partition());
                        if (record.offset() < ends.get(partition)) {
                            sent.add(producer.send(back(binding.topic(), record)));
                        }
                    }
                }
                producer.flush();
                for (Future<RecordMetadata> send : sent) {
                    send.get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
                }
                Map<TopicPartition, OffsetAndMetadata> done = new HashMap<>();
                ends.forEach((partition, end) -> done.put(partition, new OffsetAndMetadata(end)));
                consumer.commitSync(done, WAIT);
                replayed = sent.size();
            }
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("Replaying " + binding.deadLetterTopic() + " failed; nothing was marked "
                    + "replayed, and replaying again sends the same records", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while replaying " + binding.deadLetterTopic(), e);
        }
        log.info("Replayed {} dead letters of {} from {} to {}", replayed, binding.name(), binding.deadLetterTopic(),
                binding.topic());
        return new Replayed(binding.name(), binding.topic(), binding.deadLetterTopic(), replayed);
    }

    /** The record as it first came: its topic, key and headers, without those the binder added when parking it. */
    private static ProducerRecord<byte[], byte[]> back(String topic, ConsumerRecord<byte[], byte[]> record) {
        ProducerRecord<byte[], byte[]> again = new ProducerRecord<>(topic, record.key(), record.value());
        for (Header header : record.headers()) {
            if (!header.key().startsWith("x-exception") && !header.key().startsWith("x-original")) {
                again.headers().add(header);
            }
        }
        return again;
    }

    /** Where the replay group stopped on the partition, or its beginning. */
    private static long start(KafkaConsumer<byte[], byte[]> consumer, TopicPartition partition) {
        OffsetAndMetadata committed = consumer.committed(java.util.Set.of(partition), WAIT).get(partition);
        return committed != null ? committed.offset()
                : consumer.beginningOffsets(List.of(partition), WAIT).get(partition);
    }

    private static List<TopicPartition> partitions(KafkaConsumer<byte[], byte[]> consumer, String topic) {
        List<PartitionInfo> found = consumer.listTopics(WAIT).get(topic);
        return found == null ? List.of()
                : found.stream().map(info -> new TopicPartition(topic, info.partition())).toList();
    }

    private KafkaConsumer<byte[], byte[]> consumer(Binding binding) {
        Map<String, Object> config = new HashMap<>(client);
        config.put(ConsumerConfig.GROUP_ID_CONFIG, binding.group() + REPLAY_GROUP_SUFFIX);
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        config.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        return new KafkaConsumer<>(config);
    }

    private KafkaProducer<byte[], byte[]> producer() {
        Map<String, Object> config = new HashMap<>(client);
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        config.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        config.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        return new KafkaProducer<>(config);
    }
}
