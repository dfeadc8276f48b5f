package org.iecmh.endorsement.kit.readmodel;

import org.iecmh.endorsement.kit.eventstore.ReadModelRebuild;
import org.iecmh.endorsement.kit.web.DomainRuleViolation;
import org.iecmh.endorsement.kit.web.UnknownResource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Rebuild jobs, one at a time per read model across all instances: starting one claims the read model in the
 * database (a second request, on any instance, is refused while it runs), the job runs in the background on the
 * instance that took it, and its progress (events replayed of the store's events when it started) is kept in the
 * database, so any instance answers for it. A job whose instance died stops counting as running once its heartbeat
 * is older than {@code abandonedAfter}. A read model kept by a tracking processor is rebuilt while no instance runs
 * that processor (see {@link TrackingProcessorClaims}).
 */
public class ReadModelRebuilds implements AutoCloseable {

    /** One rebuild: {@code status} is RUNNING, DONE or FAILED. */
    public record Rebuild(String id, String readModel, String status, long processed, long head, Instant startedAt,
                          Instant finishedAt, String error) {
    }

    private static final Logger log = LoggerFactory.getLogger(ReadModelRebuilds.class);
    private static final RowMapper<Rebuild> ROW = (rs, n) -> new Rebuild(rs.getString("id"),
            rs.getString("read_model"), rs.getString("status"), rs.getLong("processed"), rs.getLong("head"),
            rs.getTimestamp("started_at").toInstant(),
            rs.getTimestamp("finished_at") == null ? null : rs.getTimestamp("finished_at").toInstant(),
            rs.getString("error"));

    private final Map<String, ReadModel> readModels;
    private final ReadModelRebuild rebuild;
    private final JdbcTemplate jdbc;
    private final TransactionTemplate ownTransaction;
    private final Clock clock;
    private final String owner;
    private final Duration abandonedAfter;
    private final TrackingProcessorClaims claims;
    private final ExecutorService runner = Executors.newSingleThreadExecutor(task -> {
        Thread thread = new Thread(task, "read-model-rebuild");
        thread.setDaemon(true);
        return thread;
    });

    public ReadModelRebuilds(List<ReadModel> readModels, ReadModelRebuild rebuild, JdbcTemplate jdbc,
                             PlatformTransactionManager transactions, Clock clock, String owner,
                             Duration abandonedAfter, TrackingProcessorClaims claims) {
        this.readModels = readModels.stream().collect(Collectors.toMap(ReadModel::name, Function.identity()));
        this.rebuild = rebuild;
        this.jdbc = jdbc;
        this.ownTransaction = new TransactionTemplate(transactions);
        this.ownTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        this.clock = clock;
        this.owner = owner;
        this.abandonedAfter = abandonedAfter;
        this.claims = claims;
    }

    /** The read models this service can rebuild. */
    public List<String> readModels() {
        return readModels.keySet().stream().sorted().toList();
    }

    /** Claims the read model and starts rebuilding it; refused while a rebuild of it runs anywhere. */
    public Rebuild start(String readModelName) {
        ReadModel model = readModels.get(readModelName);
        if (model == null) {
            throw new UnknownResource("read model", readModelName);
        }
        String id = UUID.randomUUID().toString();
        Instant now = clock.instant();
        try {
            ownTransaction.executeWithoutResult(status -> {
                jdbc.update("""
                        UPDATE read_model_rebuild SET status = 'FAILED', finished_at = ?, error = 'abandoned'
                        WHERE read_model = ? AND status = 'RUNNING' AND heartbeat_at < ?""",
                        Timestamp.from(now), readModelName, Timestamp.from(now.minus(abandonedAfter)));
                jdbc.update("""
                        INSERT INTO read_model_rebuild (id, read_model, owner, status, processed, head, started_at,
                                                        heartbeat_at)
                        VALUES (?, ?, ?, 'RUNNING', 0, ?, ?, ?)""", id, readModelName, owner, rebuild.head(),
                        Timestamp.from(now), Timestamp.from(now));
            });
        } catch (DuplicateKeyException e) {
            throw new DomainRuleViolation("rebuild-in-progress",
                    "The read model " + readModelName + " is being rebuilt; wait for that rebuild to finish");
        }
        runner.execute(() -> run(id, model));
        return find(id).orElseThrow();
    }

    /**
     * The rebuilds running on any instance of the service, oldest first; one whose instance stopped sending its
     * heartbeat for longer than a rebuild may stay silent is not running any more, and is not listed.
     */
    public List<Rebuild> running() {
        return jdbc.query("""
                SELECT * FROM read_model_rebuild WHERE status = 'RUNNING' AND heartbeat_at >= ?
                ORDER BY started_at, id""", ROW, Timestamp.from(clock.instant().minus(abandonedAfter)));
    }

    public Optional<Rebuild> find(String id) {
        return jdbc.query("SELECT * FROM read_model_rebuild WHERE id = ?", ROW, id).stream().findFirst();
    }

    private void run(String id, ReadModel model) {
        String processor = model.trackingProcessor();
        String claimant = "rebuild:" + id;
        try {
            if (processor == null) {
                ReadModelRebuild.Result result = rebuild.rebuild(model, processed -> progress(id, processed));
                finish(id, "DONE", result.events(), null);
                return;
            }
            claims.claimAll(processor, claimant);
            ReadModelRebuild.Result result = rebuild.rebuild(model, processed -> {
                progress(id, processed);
                claims.heartbeat(processor, claimant);
            }, position -> claims.moveTo(processor, position));
            finish(id, "DONE", result.events(), null);
        } catch (RuntimeException e) {
            log.error("Rebuilding {} failed", model.name(), e);
            finish(id, "FAILED", null, e.getMessage());
        } finally {
            if (processor != null) {
                claims.release(processor, claimant);
                claims.follow();
            }
        }
    }

    private void progress(String id, long processed) {
        ownTransaction.executeWithoutResult(status -> jdbc.update(
                "UPDATE read_model_rebuild SET processed = ?, heartbeat_at = ? WHERE id = ?", processed,
                Timestamp.from(clock.instant()), id));
    }

    private void finish(String id, String status, Long processed, String error) {
        ownTransaction.executeWithoutResult(tx -> jdbc.update("""
                UPDATE read_model_rebuild SET status = ?, processed = COALESCE(?, processed), finished_at = ?,
                                              heartbeat_at = ?, error = ? WHERE id = ?""",
                status, processed, Timestamp.from(clock.instant()), Timestamp.from(clock.instant()), error, id));
    }

    @Override
    public void close() {
        runner.shutdownNow();
    }
}
