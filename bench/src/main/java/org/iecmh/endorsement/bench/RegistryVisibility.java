package org.iecmh.endorsement.bench;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A grant's way into the registry's search: one grant published, timed until the search (straight to
 * registry-service) finds it, against a Kafka round trip (produce, acknowledged, consumed) plus one PostgreSQL commit.
 */
final class RegistryVisibility {

    private static final Duration VISIBLE_LIMIT = Duration.ofSeconds(30);

    private final Target target;
    private final Settings settings;
    private final String run;

    RegistryVisibility(Target target, Settings settings, String run) {
        this.target = target;
        this.settings = settings;
        this.run = run;
    }

    void visibility(Table table) throws Exception {
        Latencies visible = new Latencies();
        Latencies roundTrip = new Latencies();
        int missed = 0;
        try (Grants grants = Grants.oneAtATime(target); Admin admin = target.kafkaAdmin();
             KafkaConsumer<byte[], byte[]> consumer = target.plainConsumer("bench-plain-" + run);
             Connection database = target.database(WritePath.SCRATCH_DATABASE)) {
            Bench.say("grant to visible in the registry's search, " + settings.samples() + " times");
            for (int i = -2; i < settings.samples(); i++) {
                String token = ("vis" + run + "x" + (i + 2)).toLowerCase(Locale.ROOT);
                String number = "BV" + run + "-" + (i + 2);
                String search = target.url(Target.REGISTRY_SERVICE, "/api/registry/endorsees?name=" + token);
                long start = System.nanoTime();
                grants.grant(number, "Bench " + token).get(10, TimeUnit.SECONDS);
                boolean found = false;
                long deadline = start + VISIBLE_LIMIT.toNanos();
                while (!found && System.nanoTime() < deadline) {
                    Target.Answer answer = target.get(search, Map.of());
                    found = answer.ok() && answer.body().contains(number);
                    if (!found) {
                        Thread.sleep(5);
                    }
                }
                long took = System.nanoTime() - start;
                if (!found) {
                    missed++;
                } else if (i >= 0) {
                    visible.add(took);
                }
            }

            String topic = target.benchTopic(admin);
            TopicPartition partition = new TopicPartition(topic, 0);
            consumer.assign(List.of(partition));
            consumer.seekToEnd(List.of(partition));
            consumer.position(partition);
            try (Statement sql = database.createStatement()) {
                sql.execute("CREATE TABLE IF NOT EXISTS round_trip (id BIGSERIAL PRIMARY KEY, payload BYTEA NOT NULL)");
                sql.execute("SET synchronous_commit = on");
            }
            database.setAutoCommit(false);
            try (PreparedStatement insert = database.prepareStatement("INSERT INTO round_trip (payload) VALUES (?)")) {
                for (int i = -2; i < settings.samples(); i++) {
                    byte[] key = ("round-trip-" + run + "-" + i).getBytes(StandardCharsets.UTF_8);
                    byte[] value = new byte[600];
                    long start = System.nanoTime();
                    grants.producer().send(new ProducerRecord<>(topic, 0, key, value)).get(10, TimeUnit.SECONDS);
                    boolean consumed = false;
                    long deadline = start + VISIBLE_LIMIT.toNanos();
                    while (!consumed && System.nanoTime() < deadline) {
                        for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(100))) {
                            consumed |= Arrays.equals(record.key(), key);
                        }
                    }
                    insert.setBytes(1, value);
                    insert.executeUpdate();
                    database.commit();
                    if (consumed && i >= 0) {
                        roundTrip.add(System.nanoTime() - start);
                    }
                }
            }
        }
        table.add(Table.time("grant to visible in the registry search (one record ingested), p50", visible.p50(),
                "Kafka round trip + 1 commit", roundTrip.p50(), "", "p99 " + Table.millis(visible.p99()) + " over "
                        + visible.count() + (missed > 0 ? "; not visible within 30 s: " + missed : "")
                        + "; limit p99 " + Table.millis(roundTrip.p99()) + "; search polled every 5 ms"));
    }
}
