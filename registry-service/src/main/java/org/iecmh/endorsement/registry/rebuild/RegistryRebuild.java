package org.iecmh.endorsement.registry.rebuild;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.iecmh.endorsement.contracts.IntegrationEvent;
import org.iecmh.endorsement.contracts.IntegrationEventType;
import org.iecmh.endorsement.contracts.Topics;
import org.iecmh.endorsement.kit.messaging.CloudEventHeaders;
import org.iecmh.endorsement.kit.messaging.KafkaNames;
import org.iecmh.endorsement.kit.messaging.ReceivedEvent;
import org.iecmh.endorsement.kit.readmodel.SecondaryIndexes;
import org.iecmh.endorsement.kit.web.DomainRuleViolation;
import org.iecmh.endorsement.registry.search.Registry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Rebuilds the registry from the topics: replays every event from the beginning into a new table while the live
 * table keeps answering, then, holding off the live consumers' writes (reads go on), reads what arrived meanwhile and
 * puts the new table in the old one's place in one transaction. Applying an event twice changes nothing, so the
 * events the live consumers handled during the rebuild may be read again.
 * <p>
 * Length: the replay, the catch-up under the live consumers' lock and the swap are one procedure whose steps must
 * stay in this order; it reads best in one place.
 */
@Component
public class RegistryRebuild implements DisposableBean {

    static final String LIVE = "registry_entry";
    static final String LIVE_PENDING = "registry_pending_change";
    static final String NEW = "registry_entry_rebuild";
    static final String NEW_PENDING = NEW + "_pending";
    static final String REPLACED = "registry_entry_replaced";

    private static final Logger log = LoggerFactory.getLogger(RegistryRebuild.class);
    private static final long COUNT_EVERY_NANOS = Duration.ofMillis(250).toNanos();
    /** Records per poll, each poll's applied in one transaction: a rebuild reads topics from the start. */
    private static final int RECORDS_PER_POLL = 5000;
    /** How long the broker may hold a fetch that finds no records yet. */
    private static final int FETCH_MAX_WAIT_MILLIS = 10;
    /** The columns the registry search filters and orders on (see {@code Registry#search}). */
    private static final List<String> SEARCHED = List.of("status", "name_folded", "state", "category");
    // Grants first, so that few changes have to wait for theirs.
    private static final List<String> TOPICS = List.of(Topics.APPLICATIONS, Topics.ENDORSEMENTS);

    private final JdbcTemplate jdbc;
    private final TransactionTemplate transaction;
    private final Registry rebuilt;
    private final ObjectMapper json;
    private final KafkaNames names;
    private final String bootstrapServers;
    private final Map<String, Object> client;
    private final Clock clock;
    private final ExecutorService worker = Executors.newSingleThreadExecutor(r -> new Thread(r, "registry-rebuild"));
    /** Applies a poll's events while the rebuild reads the next (see {@link #readUpTo}). */
    private final ExecutorService applier = Executors.newSingleThreadExecutor(r -> {
        Thread thread = new Thread(r, "registry-rebuild-writes");
        thread.setDaemon(true);
        return thread;
    });
    /** Makes the new tables, then builds their search indexes side by side (see {@link #buildIndexes}). */
    private final ExecutorService tableWork = Executors.newFixedThreadPool(2, r -> {
        Thread thread = new Thread(r, "registry-rebuild-tables");
        thread.setDaemon(true);
        return thread;
    });
    private final AtomicReference<RebuildProgress> latest = new AtomicReference<>();
    /** A reader per kind of event, made once: a rebuild decodes every record of both topics. */
    private final Map<Class<?>, ObjectReader> readers = new ConcurrentHashMap<>();

    RegistryRebuild(JdbcTemplate jdbc, TransactionTemplate transaction, Registry registry,
                    @Qualifier("defaultAxonObjectMapper") ObjectMapper json, KafkaNames names,
                    @Value("${spring.kafka.bootstrap-servers}") String bootstrapServers, KafkaProperties kafka,
                    Clock clock) {
        this.jdbc = jdbc;
        this.transaction = transaction;
        this.rebuilt = registry.inTable(NEW);
        this.json = json;
        this.names = names;
        this.bootstrapServers = bootstrapServers;
        // The consumer settings of spring.kafka.*, TLS and the service's certificate among them on Kubernetes.
        this.client = kafka.buildConsumerProperties();
        this.clock = clock;
    }

    /** Starts a rebuild in the background; one at a time. */
    public synchronized RebuildProgress start() {
        RebuildProgress current = latest.get();
        if (current != null && current.state() == RebuildProgress.State.RUNNING) {
            throw new DomainRuleViolation("rebuild-already-running", "Rebuild " + current.id() + " is running");
        }
        RebuildProgress started = new RebuildProgress(UUID.randomUUID().toString(), RebuildProgress.State.RUNNING,
                0, 0, 0, clock.instant(), null, null);
        latest.set(started);
        worker.submit(this::run);
        return started;
    }

    public Optional<RebuildProgress> progress(String id) {
        return Optional.ofNullable(latest.get()).filter(progress -> progress.id().equals(id));
    }

    private void run() {
        long began = System.nanoTime();
        long[] at = new long[3];
        // The new tables are made while the consumer finds the partitions and their ends, both round trips.
        Future<List<String>> preparing = tableWork.submit(this::prepareNewTables);
        try (KafkaConsumer<byte[], byte[]> consumer = consumer()) {
            List<TopicPartition> partitions = partitions(consumer);
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
            List<String> deferredIndexes = await(preparing);
            long toRead = ends.entrySet().stream().mapToLong(end -> end.getValue() - consumer.position(end.getKey()))
                    .sum();
            latest.updateAndGet(p -> new RebuildProgress(p.id(), p.state(), 0, toRead, 0, p.startedAt(), null, null));
            at[0] = System.nanoTime();
            for (String topic : TOPICS) {
                readUpTo(consumer, ends, names.topic(topic), true);
            }
            at[1] = System.nanoTime();
            buildIndexes(deferredIndexes);
            at[2] = System.nanoTime();
            transaction.executeWithoutResult(status -> {
                jdbc.execute("LOCK TABLE " + LIVE + ", " + LIVE_PENDING + " IN EXCLUSIVE MODE");
                Map<TopicPartition, Long> now = consumer.endOffsets(partitions);
                for (String topic : TOPICS) {
                    readUpTo(consumer, now, names.topic(topic), false);
                }
                jdbc.execute("ALTER TABLE " + LIVE + " RENAME TO " + REPLACED);
                jdbc.execute("ALTER TABLE " + LIVE_PENDING + " RENAME TO " + REPLACED + "_pending");
                jdbc.execute("ALTER TABLE " + NEW + " RENAME TO " + LIVE);
                jdbc.execute("ALTER TABLE " + NEW_PENDING + " RENAME TO " + LIVE_PENDING);
                jdbc.execute("ALTER TABLE " + LIVE + " RESET (autovacuum_enabled)");
                jdbc.execute("ALTER TABLE " + LIVE_PENDING + " RESET (autovacuum_enabled)");
                Map<String, String> entryIndexes = indexNamesByDefinition(REPLACED);
                Map<String, String> pendingIndexes = indexNamesByDefinition(REPLACED + "_pending");
                jdbc.execute("DROP TABLE " + REPLACED + ", " + REPLACED + "_pending");
                keepIndexNames(LIVE, entryIndexes);
                keepIndexNames(LIVE_PENDING, pendingIndexes);
            });
            latest.updateAndGet(p -> p.done(count(LIVE), clock.instant()));
            log.info("Registry rebuilt: {} (prepared in {} ms, replayed in {} ms, indexed in {} ms, switched in {} ms)",
                    latest.get(), (at[0] - began) / 1_000_000, (at[1] - at[0]) / 1_000_000,
                    (at[2] - at[1]) / 1_000_000, (System.nanoTime() - at[2]) / 1_000_000);
        } catch (RuntimeException e) {
            log.error("Registry rebuild failed; the live registry is unchanged", e);
            latest.updateAndGet(p -> p.failed(e.toString(), clock.instant()));
        }
    }

    /**
     * Makes the new tables as the live ones are, then drops the new registry's indexes that only the search uses and
     * answers how to make them again: the rows go in faster without them (the trigram index above all), and each is
     * built once from all of them, before the switch. Unique indexes stay: the replay finds endorsements by them.
     */
    private List<String> prepareNewTables() {
        return transaction.execute(status -> {
            jdbc.execute("DROP TABLE IF EXISTS " + NEW + ", " + NEW_PENDING);
            // No autovacuum while the rebuild fills them: its worker's lock would hold up the switch, and the
            // statistics are gathered once, after the indexes are built (buildIndexes).
            jdbc.execute("CREATE TABLE " + NEW + " (LIKE " + LIVE + " INCLUDING ALL)"
                    + " WITH (autovacuum_enabled = false)");
            jdbc.execute("CREATE TABLE " + NEW_PENDING + " (LIKE " + LIVE_PENDING + " INCLUDING ALL)"
                    + " WITH (autovacuum_enabled = false)");
            return SecondaryIndexes.drop(jdbc, List.of(NEW));
        });
    }

    /**
     * Builds the search's indexes on the filled table, two at a time, each on a connection of its own (building
     * indexes of one table at once is allowed: each takes a SHARE lock), then gathers the statistics of the columns
     * the search filters and orders on ({@link #SEARCHED}), so that the first searches after the switch are planned on
     * them. Those of the others (half the time of all of them) wait for autovacuum, on again after the switch: an
     * ANALYZE of some columns leaves the table counted as changed since its last analysis, so autovacuum's next round
     * analyses all of it.
     */
    private void buildIndexes(List<String> definitions) {
        List<Future<?>> building = new ArrayList<>();
        for (String definition : longestFirst(definitions)) {
            building.add(tableWork.submit(() -> jdbc.execute(definition)));
        }
        building.forEach(RegistryRebuild::await);
        jdbc.execute("ANALYZE " + NEW + " (" + String.join(", ", SEARCHED) + "), " + NEW_PENDING);
    }

    /**
     * The index definitions with the trigram (GIN) indexes first: on 38,000 entries the trigram index takes 120 ms to
     * build and each B-tree 30-45 ms, so with the longest started first the two connections finish together (about
     * 120 ms) instead of one building the trigram index after two B-trees (about 165 ms).
     */
    static List<String> longestFirst(List<String> definitions) {
        return definitions.stream().sorted(Comparator.comparing(definition -> !definition.contains(" USING gin ")))
                .toList();
    }

    /** The new table's indexes take the names the old one's had, so that later migrations find them by name. */
    private void keepIndexNames(String table, Map<String, String> oldNamesByDefinition) {
        indexNamesByDefinition(table).forEach((definition, name) -> {
            String wanted = oldNamesByDefinition.get(definition);
            if (wanted != null && !wanted.equals(name)) {
                jdbc.execute("ALTER INDEX " + name + " RENAME TO " + wanted);
            }
        });
    }

    /** The table's indexes by what they are, whatever they are called: uniqueness, method, columns, condition. */
    private Map<String, String> indexNamesByDefinition(String table) {
        Map<String, String> names = new HashMap<>();
        jdbc.query("SELECT indexname, indexdef FROM pg_indexes WHERE schemaname = current_schema() AND tablename = ?",
                rs -> {
                    String definition = rs.getString("indexdef");
                    names.put((definition.startsWith("CREATE UNIQUE") ? "UNIQUE" : "")
                            + definition.substring(definition.indexOf(" USING ")), rs.getString("indexname"));
                }, table);
        return names;
    }

    private List<TopicPartition> partitions(KafkaConsumer<byte[], byte[]> consumer) {
        return TOPICS.stream().map(names::topic)
                .flatMap(topic -> consumer.partitionsFor(topic, Duration.ofSeconds(10)).stream()
                        .map(info -> new TopicPartition(topic, info.partition())))
                .toList();
    }

    /**
     * Reads the topic's partitions until each reaches its end in {@code ends}: each poll's events are applied in one
     * transaction, with batched statements (see {@link Registry#applyAll}). {@code pipelined}, a poll's events are
     * applied by a thread of their own, in a transaction of their own, while the next poll's are read and decoded
     * (one poll at a time, in order); otherwise in the transaction of the calling thread.
     */
    private void readUpTo(KafkaConsumer<byte[], byte[]> consumer, Map<TopicPartition, Long> ends, String topic,
                          boolean pipelined) {
        List<TopicPartition> mine = ends.keySet().stream().filter(p -> p.topic().equals(topic)).toList();
        consumer.pause(ends.keySet().stream().filter(p -> !p.topic().equals(topic)).toList());
        consumer.resume(mine);
        long counted = System.nanoTime();
        long entries = latest.get().entries();
        Future<?> applying = null;
        while (mine.stream().anyMatch(p -> consumer.position(p) < ends.get(p))) {
            ConsumerRecords<byte[], byte[]> batch = consumer.poll(Duration.ofMillis(500));
            List<ReceivedEvent> events = new ArrayList<>(batch.count());
            for (ConsumerRecord<byte[], byte[]> record : batch) {
                // Records past the end seen at the start stay for the catch-up that reads them again.
                if (record.offset() < ends.get(new TopicPartition(record.topic(), record.partition()))) {
                    read(record).ifPresent(events::add);
                }
            }
            if (pipelined) {
                await(applying);
                applying = applier.submit(() -> transaction.executeWithoutResult(status -> rebuilt.applyAll(events)));
            } else {
                transaction.executeWithoutResult(status -> rebuilt.applyAll(events));
            }
            mine.stream().filter(p -> consumer.position(p) > ends.get(p)).forEach(p -> consumer.seek(p, ends.get(p)));
            // Counting the entries reads the whole new table: a few times a second is enough to show progress.
            if (System.nanoTime() - counted > COUNT_EVERY_NANOS) {
                counted = System.nanoTime();
                entries = count(NEW);
            }
            long entriesSoFar = entries;
            latest.updateAndGet(p -> p.read(events.size(), entriesSoFar));
        }
        await(applying);
    }

    /** Waits until work handed to another thread is done; answers its outcome, throws what it threw. */
    private static <T> T await(Future<T> applying) {
        if (applying == null) {
            return null;
        }
        try {
            return applying.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while a rebuild waited for its own work", e);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException failure ? failure
                    : new IllegalStateException("A rebuild's own work failed", e.getCause());
        }
    }

    private Optional<ReceivedEvent> read(ConsumerRecord<byte[], byte[]> record) {
        // One pass over the headers, the last of a name counting (as lastHeader would have it).
        String id = null;
        String type = null;
        String source = null;
        for (Header header : record.headers()) {
            switch (header.key()) {
                case CloudEventHeaders.ID -> id = text(header);
                case CloudEventHeaders.TYPE -> type = text(header);
                case CloudEventHeaders.SOURCE -> source = text(header);
                default -> {
                }
            }
        }
        Optional<IntegrationEventType<?>> kind = IntegrationEventType.find(type);
        if (id == null || kind.isEmpty()) {
            log.warn("Skipping {}@{}: not an integration event this registry knows", record.topic(), record.offset());
            return Optional.empty();
        }
        try {
            IntegrationEvent event = readers.computeIfAbsent(kind.get().payloadType(), json::readerFor)
                    .readValue(record.value());
            return Optional.of(new ReceivedEvent(id, type, source, id, event));
        } catch (IOException e) {
            log.warn("Skipping {}@{}: unreadable {}", record.topic(), record.offset(), type, e);
            return Optional.empty();
        }
    }

    private long count(String table) {
        Long count = jdbc.queryForObject("SELECT count(*) FROM " + table, Long.class);
        return count == null ? 0 : count;
    }

    private static String text(Header header) {
        return header.value() == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    private KafkaConsumer<byte[], byte[]> consumer() {
        // No group: it assigns the partitions itself and commits nothing.
        Map<String, Object> config = new HashMap<>(client);
        config.remove(ConsumerConfig.GROUP_ID_CONFIG);
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, RECORDS_PER_POLL);
        // It reads what is there, never waits for more: with the default wait (500 ms), the fetch sent ahead once the
        // last record was read kept the broker waiting for records that do not come, and the catch-up's first read,
        // under the live consumers' lock, waited for it.
        config.put(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, FETCH_MAX_WAIT_MILLIS);
        config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        config.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        return new KafkaConsumer<>(config);
    }

    @Override
    public void destroy() {
        worker.shutdownNow();
        applier.shutdownNow();
        tableWork.shutdownNow();
    }
}
