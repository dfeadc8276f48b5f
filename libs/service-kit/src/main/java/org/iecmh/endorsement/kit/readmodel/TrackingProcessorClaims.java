package org.iecmh.endorsement.kit.readmodel;

import org.axonframework.common.DateTimeUtils;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventProcessor;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventhandling.tokenstore.AbstractTokenEntry;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.Serializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Keeps a tracking processor off its read model while the read model is rebuilt, on every instance. Each instance
 * follows the rebuilds in {@code read_model_rebuild}: while one of a tracking read model runs anywhere, it shuts its
 * own processor down (which gives up its segments), and starts it again afterwards. The rebuilding instance takes
 * every segment of the processor in {@code token_entry} under the rebuild's own name (token-claim ownership, kept
 * fresh by a heartbeat), so that no instance can claim one meanwhile; it moves the tokens to the last event replayed
 * in the rebuild's transaction, then lets the segments go.
 */
public class TrackingProcessorClaims implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(TrackingProcessorClaims.class);

    private final EventProcessingConfiguration processing;
    private final JdbcTemplate jdbc;
    private final TransactionTemplate ownTransaction;
    private final Serializer serializer;
    private final Duration claimTimeout;
    private final Duration claimWait;
    /** Tracking processor by read model name. */
    private final Map<String, String> processors;
    private final Set<String> stoodDown = ConcurrentHashMap.newKeySet();
    /** The claims this instance holds for rebuilds: owner by processor. */
    private final Map<String, String> held = new ConcurrentHashMap<>();
    private final ScheduledExecutorService follower = Executors.newSingleThreadScheduledExecutor(task -> {
        Thread thread = new Thread(task, "read-model-rebuild-follower");
        thread.setDaemon(true);
        return thread;
    });

    public TrackingProcessorClaims(EventProcessingConfiguration processing, JdbcTemplate jdbc,
                                   PlatformTransactionManager transactions, Serializer serializer,
                                   Duration claimTimeout, Duration claimWait, Map<String, String> processors,
                                   Duration followEvery) {
        this.processing = processing;
        this.jdbc = jdbc;
        this.ownTransaction = new TransactionTemplate(transactions);
        this.ownTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        this.serializer = serializer;
        this.claimTimeout = claimTimeout;
        this.claimWait = claimWait;
        this.processors = Map.copyOf(processors);
        if (!processors.isEmpty()) {
            follower.scheduleWithFixedDelay(this::followQuietly, followEvery.toMillis(), followEvery.toMillis(),
                    TimeUnit.MILLISECONDS);
        }
    }

    /** Stops the processors of read models being rebuilt anywhere, starts those it stopped once they are done. */
    public void follow() {
        Set<String> rebuilding = new HashSet<>(jdbc.queryForList(
                "SELECT read_model FROM read_model_rebuild WHERE status = 'RUNNING'", String.class));
        processors.forEach((readModel, processor) -> {
            if (rebuilding.contains(readModel)) {
                standDown(processor);
            } else if (stoodDown.remove(processor)) {
                processor(processor).ifPresent(EventProcessor::start);
                log.info("Started {} again after its read model's rebuild", processor);
            }
        });
        held.forEach(this::heartbeat);
    }

    /**
     * Takes every segment of the processor for {@code owner}, waiting at most the claim wait for other instances
     * to let theirs go (they do as soon as they see the rebuild); refuses if one still holds a segment then.
     */
    public void claimAll(String processor, String owner) {
        standDown(processor);
        held.put(processor, owner);
        Instant giveUp = Instant.now().plus(claimWait);
        while (true) {
            Integer segments = jdbc.queryForObject("SELECT count(*) FROM token_entry WHERE processor_name = ?",
                    Integer.class, processor);
            Instant now = AbstractTokenEntry.clock.instant();
            Integer claimed = ownTransaction.execute(status -> jdbc.update("""
                    UPDATE token_entry SET owner = ?, timestamp = ?
                    WHERE processor_name = ? AND (owner IS NULL OR owner = ? OR timestamp < ?)""",
                    owner, DateTimeUtils.formatInstant(now), processor, owner,
                    DateTimeUtils.formatInstant(now.minus(claimTimeout))));
            if (claimed != null && claimed.equals(segments)) {
                return;
            }
            if (Instant.now().isAfter(giveUp)) {
                List<String> others = jdbc.queryForList("SELECT DISTINCT owner FROM token_entry"
                        + " WHERE processor_name = ? AND owner <> ?", String.class, processor, owner);
                release(processor, owner);
                throw new IllegalStateException("Segments of " + processor + " are still held by " + others);
            }
            pause();
        }
    }

    /** Keeps the claims fresh, so that no instance takes them as abandoned. */
    public void heartbeat(String processor, String owner) {
        ownTransaction.executeWithoutResult(status -> jdbc.update(
                "UPDATE token_entry SET timestamp = ? WHERE processor_name = ? AND owner = ?",
                DateTimeUtils.formatInstant(AbstractTokenEntry.clock.instant()), processor, owner));
    }

    /** In the rebuild's transaction: every segment goes on after {@code position}. */
    public void moveTo(String processor, TrackingToken position) {
        if (position == null) {
            return;
        }
        SerializedObject<byte[]> token = serializer.serialize(position, byte[].class);
        jdbc.update("UPDATE token_entry SET token = ?, token_type = ? WHERE processor_name = ?", token.getData(),
                token.getType().getName(), processor);
    }

    /** Lets the segments go, for the processors to claim again. */
    public void release(String processor, String owner) {
        held.remove(processor);
        ownTransaction.executeWithoutResult(status -> jdbc.update(
                "UPDATE token_entry SET owner = NULL WHERE processor_name = ? AND owner = ?", processor, owner));
    }

    private void standDown(String processor) {
        processor(processor).filter(EventProcessor::isRunning).ifPresent(running -> {
            stoodDown.add(processor);
            running.shutDown();
            log.info("Stopped {} while its read model is rebuilt", processor);
        });
    }

    private Optional<EventProcessor> processor(String name) {
        return processing.eventProcessor(name);
    }

    private void followQuietly() {
        try {
            follow();
        } catch (RuntimeException e) {
            log.warn("Could not follow read model rebuilds", e);
        }
    }

    private static void pause() {
        try {
            Thread.sleep(200);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while claiming segments", e);
        }
    }

    @Override
    public void close() {
        follower.shutdownNow();
    }
}
