package org.iecmh.endorsement.bench;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * The registry's ingest: N grants published at once onto its input topic while its consumers are paused, timed from
 * letting registry-service's consumer go until it has listed them all (seen in its database), against a plain
 * KafkaConsumer reading the same N records.
 */
final class RegistryIngest {

    private static final String REGISTRY = "registry-service";
    private static final Duration INGEST_LIMIT = Duration.ofMinutes(10);
    /** The other services that consume grants, waited for so that their backlog does not load what comes next. */
    private static final List<String> OTHER_CONSUMERS = List.of("renewal-service", "payment-service");

    private final Target target;
    private final Settings settings;
    private final String run;

    RegistryIngest(Target target, Settings settings, String run) {
        this.target = target;
        this.settings = settings;
        this.run = run;
    }

    /**
     * The grants are published while every consumer of their topic is paused, and timed from the moment
     * registry-service's consumer is let go until it has listed them all: its own rate on a backlog, as the plain
     * consumer's is, not the rate at which the bench can publish (which, on two cores shared with the broker and three
     * consuming services, is what a timing from the first send measured). The other services' consumers go on
     * afterwards.
     */
    void ingest(Table table) throws Exception {
        int n = settings.ingest();
        String prefix = "BI" + run + "-";
        Map<TopicPartition, Long> before;
        Map<TopicPartition, Long> after;
        double ingestSeconds;
        double sentSeconds;
        long applied;
        long records;
        double plainSeconds;
        try (Grants grants = Grants.inBulk(target);
             KafkaConsumer<byte[], byte[]> offsets = target.plainConsumer("bench-plain-" + run);
             Connection registry = target.database("registry");
             PreparedStatement count = registry.prepareStatement(
                     "SELECT count(*) FROM registry_entry WHERE endorsement_number LIKE ?")) {
            List<TopicPartition> partitions = offsets.partitionsFor(grants.topic()).stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            count.setString(1, prefix + "%");
            warmUp(grants, n);
            try (HeldConsumers consumers = HeldConsumers.pause(target, grants.topic())) {
                if (consumers.count(REGISTRY) == 0) {
                    table.add(Table.failed("registry ingest", "registry-service has no consumer of "
                            + grants.topic()));
                    return;
                }
                before = offsets.endOffsets(partitions);
                Bench.say("ingest: " + n + " grants onto " + grants.topic() + ", its consumers paused");
                long sending = System.nanoTime();
                List<Future<RecordMetadata>> sent = new ArrayList<>();
                for (int i = 0; i < n; i++) {
                    sent.add(grants.grant(prefix + i, "Bench Ingested " + i));
                }
                grants.producer().flush();
                // The last grant of each partition: registry-service applies a partition in its order, a poll's
                // records in one transaction, so once these are listed every grant before them is too.
                Map<Integer, String> lastOfPartition = new HashMap<>();
                Map<Integer, Long> lastOffset = new HashMap<>();
                for (int i = 0; i < n; i++) {
                    RecordMetadata metadata = sent.get(i).get(30, TimeUnit.SECONDS);
                    if (metadata.offset() >= lastOffset.getOrDefault(metadata.partition(), -1L)) {
                        lastOffset.put(metadata.partition(), metadata.offset());
                        lastOfPartition.put(metadata.partition(), prefix + i);
                    }
                }
                sentSeconds = (System.nanoTime() - sending) / 1e9;
                after = offsets.endOffsets(partitions);
                String[] lasts = lastOfPartition.values().toArray(String[]::new);

                long start = System.nanoTime();
                consumers.resume(REGISTRY);
                long deadline = start + INGEST_LIMIT.toNanos();
                // Polled by primary key, a few rows, so that the polling takes next to none of the CPU being timed.
                try (PreparedStatement listed = registry.prepareStatement(
                        "SELECT count(*) FROM registry_entry WHERE endorsement_number = ANY (?)")) {
                    listed.setArray(1, registry.createArrayOf("varchar", lasts));
                    long found = 0;
                    while (found < lasts.length && System.nanoTime() < deadline) {
                        try (ResultSet rows = listed.executeQuery()) {
                            rows.next();
                            found = rows.getLong(1);
                        }
                        if (found < lasts.length) {
                            Thread.sleep(5);
                        }
                    }
                }
                ingestSeconds = (System.nanoTime() - start) / 1e9;
                try (ResultSet rows = count.executeQuery()) {
                    rows.next();
                    applied = rows.getLong(1);
                }
                // Read while the other services' consumers still wait, as registry-service's ran.
                records = after.entrySet().stream().mapToLong(e -> e.getValue() - before.get(e.getKey())).sum();
                plainSeconds = plainRead(before, after, records);
            }
        }
        String others = awaitOtherConsumers(after);
        if (applied < n) {
            table.add(Table.failed("registry ingest", "registry-service listed " + applied + " of " + n
                    + " grants within " + INGEST_LIMIT.toMinutes() + " min; " + others));
            return;
        }
        table.add(Table.rate("registry ingest, events/s", n / ingestSeconds, "plain KafkaConsumer of the same records",
                records / plainSeconds, ">= 20%", String.format(Locale.ROOT,
                        "%,d EndorsementGranted published while the topic's consumers were paused (in %.2f s), then "
                                + "registry-service's let go: the last row in registry_entry %.2f s later; plain read "
                                + "of %,d records in %.3f s; %s",
                        n, sentSeconds, ingestSeconds, records, plainSeconds, others)));
    }

    /**
     * Sends {@code n} records of a grant's size through the grants' producer onto the bench's own topic, and learns
     * the partitions of the grants' topic: the timed sends then start from a producer that is connected, knows where
     * to send and runs compiled, as a service's does, rather than timing the bench's own start.
     */
    private void warmUp(Grants grants, int n) throws Exception {
        String topic;
        try (Admin admin = target.kafkaAdmin()) {
            topic = target.benchTopic(admin);
        }
        grants.producer().partitionsFor(grants.topic());
        long start = System.nanoTime();
        List<Future<?>> sent = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            sent.add(grants.producer().send(new ProducerRecord<>(topic, 0,
                    ("warm-up-" + run + "-" + i).getBytes(StandardCharsets.UTF_8), new byte[600])));
        }
        grants.producer().flush();
        for (Future<?> each : sent) {
            each.get(30, TimeUnit.SECONDS);
        }
        Bench.say(String.format(Locale.ROOT, "  warm-up: %,d records onto %s in %.2f s", n, topic,
                (System.nanoTime() - start) / 1e9));
    }

    /** Seconds a plain consumer takes to read the records between two sets of offsets. */
    private double plainRead(Map<TopicPartition, Long> from, Map<TopicPartition, Long> to, long records) {
        try (KafkaConsumer<byte[], byte[]> plain = target.plainConsumer("bench-plain-" + run)) {
            plain.assign(from.keySet());
            from.forEach(plain::seek);
            from.keySet().forEach(plain::position);
            long read = 0;
            long start = System.nanoTime();
            long deadline = start + Duration.ofMinutes(2).toNanos();
            while (read < records && System.nanoTime() < deadline) {
                ConsumerRecords<byte[], byte[]> batch = plain.poll(Duration.ofMillis(500));
                for (ConsumerRecord<byte[], byte[]> record : batch) {
                    TopicPartition partition = new TopicPartition(record.topic(), record.partition());
                    if (record.offset() < to.get(partition)) {
                        read++;
                    }
                }
            }
            return (System.nanoTime() - start) / 1e9;
        }
    }

    /** Waits (bounded) until renewal-service and payment-service have consumed up to {@code end}; says how long. */
    private String awaitOtherConsumers(Map<TopicPartition, Long> end) throws Exception {
        long start = System.nanoTime();
        long deadline = start + INGEST_LIMIT.toNanos();
        Map<String, Boolean> done = new HashMap<>();
        Map<String, Double> seconds = new HashMap<>();
        try (Admin admin = target.kafkaAdmin()) {
            while (done.size() < OTHER_CONSUMERS.size() && System.nanoTime() < deadline) {
                for (String service : OTHER_CONSUMERS) {
                    if (done.containsKey(service)) {
                        continue;
                    }
                    Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(
                            target.consumerGroup(service)).partitionsToOffsetAndMetadata().get(10, TimeUnit.SECONDS);
                    boolean caughtUp = end.entrySet().stream().allMatch(e -> committed.get(e.getKey()) != null
                            && committed.get(e.getKey()).offset() >= e.getValue());
                    if (caughtUp) {
                        done.put(service, true);
                        seconds.put(service, (System.nanoTime() - start) / 1e9);
                    }
                }
                if (done.size() < OTHER_CONSUMERS.size()) {
                    Thread.sleep(500);
                }
            }
        }
        return OTHER_CONSUMERS.stream().map(service -> service + (seconds.containsKey(service)
                ? String.format(Locale.ROOT, " done %.0f s later", seconds.get(service))
                : " not done " + INGEST_LIMIT.toMinutes() + " min later")).collect(Collectors.joining(", "));
    }
}
