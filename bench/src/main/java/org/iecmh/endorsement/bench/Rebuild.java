package org.iecmh.endorsement.bench;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.iecmh.endorsement.contracts.Topics;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Rebuilds, as the platform operator, in events per second. application-service's read model
 * ({@code POST /api/applications/read-models/application-view/rebuilds}, followed to DONE) against an ordered scan of
 * the same event store (every row and column of {@code domain_event_entry} in {@code global_index} order, over JDBC
 * with a cursor); the registry ({@code POST /api/registry/admin/rebuilds}), which replays its two input topics from
 * their beginning, against a plain KafkaConsumer reading the same topics from their beginning. Each limit is the second
 * of two runs (the first warms caches and compiled code); each rebuild runs until its rate settles ({@link #settle}).
 */
final class Rebuild {

    private static final String READ_MODEL = "application-view";
    private static final Duration LIMIT = Duration.ofMinutes(15);

    private final Target target;
    private final String run;

    Rebuild(Target target, String run) {
        this.target = target;
        this.run = run;
    }

    void registry(Table table) throws InterruptedException {
        List<TopicPartition> partitions = new ArrayList<>();
        long records = 0;
        double plainSeconds = Double.NaN;
        try (KafkaConsumer<byte[], byte[]> plain = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, target.kafkaBootstrap(),
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false",
                ConsumerConfig.CLIENT_ID_CONFIG, "bench-scan-" + run),
                new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            for (String topic : List.of(Topics.APPLICATIONS, Topics.ENDORSEMENTS)) {
                plain.partitionsFor(target.topic(topic)).forEach(p -> partitions.add(
                        new TopicPartition(p.topic(), p.partition())));
            }
            Map<TopicPartition, Long> end = plain.endOffsets(partitions);
            plain.assign(partitions);
            for (int i = 0; i < 2; i++) {
                plain.seekToBeginning(partitions);
                partitions.forEach(plain::position);
                records = 0;
                long start = System.nanoTime();
                long deadline = start + LIMIT.toNanos();
                Map<TopicPartition, Long> at = new HashMap<>();
                while (!caughtUp(at, end) && System.nanoTime() < deadline) {
                    for (ConsumerRecord<byte[], byte[]> record : plain.poll(Duration.ofMillis(500))) {
                        TopicPartition partition = new TopicPartition(record.topic(), record.partition());
                        if (record.offset() < end.get(partition)) {
                            records++;
                        }
                        at.put(partition, record.offset() + 1);
                    }
                }
                plainSeconds = (System.nanoTime() - start) / 1e9;
            }
        }
        Bench.say("rebuild of the registry from " + records + " records, until its rate settles");
        Followed followed = settle(target.url(Target.REGISTRY_SERVICE, "/api/registry/admin/rebuilds"),
                id -> target.url(Target.REGISTRY_SERVICE, "/api/registry/admin/rebuilds/" + id), "state",
                "eventsRead");
        if (followed.failure() != null) {
            table.add(Table.failed("registry rebuild", followed.failure()));
            return;
        }
        Target.Answer progress = followed.progress();
        double wall = followed.wall();
        Long read = Json.number(progress.body(), "eventsRead");
        if (read == null) {
            table.add(Table.failed("registry rebuild", "no eventsRead in " + progress.body()));
            return;
        }
        double seconds = serverSeconds(progress.body(), wall);
        table.add(Table.rate("registry rebuild, events/s", read / seconds, "plain KafkaConsumer of both topics",
                records / plainSeconds, ">= 30%", String.format(java.util.Locale.ROOT,
                        "%,d events in %.2f s (%.1f s from request to DONE seen), run %d of a rebuild run until its "
                                + "rate settled; %,d entries; plain read of %,d records in %.2f s", read, seconds, wall,
                        followed.run(),
                        Json.number(progress.body(), "entries"), records, plainSeconds)));
    }

    /**
     * A rebuild followed to its end: its last progress and the time seen from outside, or why it failed; {@code run},
     * which of the runs it was.
     */
    private record Followed(Target.Answer progress, double wall, String failure, int run) {
    }

    /** Rebuilds run at most, one after the other, until the rate settles. */
    private static final int MOST_RUNS = 10;

    /**
     * Rebuilds one after the other until one is no more than 5% faster than the fastest before it, at least two and
     * at most {@link #MOST_RUNS}, and answers the last: the first runs of a rebuild measure the compilers at work on its
     * code (a fresh platform's first rebuild of 195,000 events took 5.4 s, its third 3.0 s), not the rate it settles at
     * for a store of millions. A short rebuild needs more runs than a long one for the compilers to finish: one of
     * 38,000 registry events on a fresh platform went 31,000, 34,000, 46,000, 49,000 and 52,000 events/s in its first
     * five runs, the compiler threads taking half the CPU meanwhile. {@code counted} names the progress field of the
     * events replayed.
     */
    private Followed settle(String start, java.util.function.Function<String, String> progressOf, String stateField,
                            String counted) throws InterruptedException {
        double fastest = 0;
        Followed followed = null;
        for (int run = 1; run <= MOST_RUNS; run++) {
            followed = follow(start, progressOf, stateField, run);
            Long events = Json.number(followed.progress().body(), counted);
            if (followed.failure() != null || events == null) {
                return followed;
            }
            double rate = events / serverSeconds(followed.progress().body(), followed.wall());
            Bench.say(String.format(java.util.Locale.ROOT, "  run %d: %,.0f events/s", run, rate));
            if (run >= 2 && rate <= fastest * 1.05) {
                return followed;
            }
            fastest = Math.max(fastest, rate);
        }
        return followed;
    }

    /**
     * Starts a rebuild as the operator ({@code POST start}) and follows its progress ({@code GET progressOf(id)})
     * until its {@code stateField} leaves RUNNING; it failed unless it ended DONE.
     */
    private Followed follow(String start, java.util.function.Function<String, String> progressOf, String stateField,
                            int run)
            throws InterruptedException {
        long began = System.nanoTime();
        Target.Answer started = target.post(start, target.as("operator", "ma"), null);
        String id = Json.text(started.body(), "id");
        if (started.status() != 202 || id == null) {
            return new Followed(started, 0, "not started: " + started.status() + " " + started.body(), run);
        }
        Target.Answer progress = started;
        long deadline = began + LIMIT.toNanos();
        while (System.nanoTime() < deadline && "RUNNING".equals(Json.text(progress.body(), stateField))) {
            Thread.sleep(100);
            progress = target.get(progressOf.apply(id), target.as("operator", "ma"));
        }
        double wall = (System.nanoTime() - began) / 1e9;
        String state = Json.text(progress.body(), stateField);
        return "DONE".equals(state) ? new Followed(progress, wall, null, run)
                : new Followed(progress, wall, "ended " + state + " after " + Math.round(wall) + " s: "
                        + progress.body(), run);
    }

    private static boolean caughtUp(Map<TopicPartition, Long> at, Map<TopicPartition, Long> end) {
        return end.entrySet().stream().allMatch(e -> e.getValue() == 0 || at.getOrDefault(e.getKey(), 0L) >= e.getValue());
    }

    /** The time between a rebuild's {@code startedAt} and {@code finishedAt}, or else the time seen from outside. */
    private static double serverSeconds(String progress, double wall) {
        String startedAt = Json.text(progress, "startedAt");
        String finishedAt = Json.text(progress, "finishedAt");
        return startedAt != null && finishedAt != null
                ? Duration.between(Instant.parse(startedAt), Instant.parse(finishedAt)).toNanos() / 1e9 : wall;
    }

    void applicationViews(Table table) throws SQLException, InterruptedException {
        double scanPerSecond = Double.NaN;
        long scanned = 0;
        try (Connection connection = target.database("application")) {
            // A cursor (fetch size) needs a transaction; the first scan warms the cache as the rebuild would find it.
            connection.setAutoCommit(false);
            try (PreparedStatement scan = connection.prepareStatement(
                    "SELECT * FROM domain_event_entry ORDER BY global_index")) {
                scan.setFetchSize(1000);
                for (int i = 0; i < 2; i++) {
                    long start = System.nanoTime();
                    scanned = AuditReads.readAll(scan);
                    scanPerSecond = scanned / ((System.nanoTime() - start) / 1e9);
                }
            }
            connection.rollback();
        }
        String base = target.url(Target.APPLICATION_SERVICE, "/api/applications/read-models");
        Bench.say("rebuild of " + READ_MODEL + " over " + scanned + " events, until its rate settles");
        Followed followed = settle(base + "/" + READ_MODEL + "/rebuilds", id -> base + "/rebuilds/" + id, "status",
                "processed");
        if (followed.failure() != null) {
            table.add(Table.failed("read-model rebuild", followed.failure()));
            return;
        }
        Target.Answer progress = followed.progress();
        double wall = followed.wall();
        Long processed = Json.number(progress.body(), "processed");
        if (processed == null) {
            table.add(Table.failed("read-model rebuild", "no processed count in " + progress.body()));
            return;
        }
        double seconds = serverSeconds(progress.body(), wall);
        table.add(Table.rate("read-model rebuild (" + READ_MODEL + "), events/s", processed / seconds,
                "ordered scan of the event store", scanPerSecond, ">= 30%", String.format(java.util.Locale.ROOT,
                        "%,d events in %.1f s (%.1f s from request to DONE seen), run %d of a rebuild run until its "
                                + "rate settled; scan of %,d rows", processed, seconds, wall, followed.run(), scanned)));
    }
}
