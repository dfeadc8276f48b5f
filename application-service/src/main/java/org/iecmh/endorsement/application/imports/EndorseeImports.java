package org.iecmh.endorsement.application.imports;

import org.iecmh.endorsement.application.endorsees.Endorsees;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.annotation.PreDestroy;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.messaging.MetaData;
import org.iecmh.endorsement.application.policy.TenantPolicies;
import org.iecmh.endorsement.kit.web.Actor;
import org.iecmh.endorsement.kit.web.UnknownResource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Imports an association's file of endorsees: every row checked first (a dry run stops there), then each good row
 * sent as its own command, a few at a time ({@code iecmh.imports.parallelism}), in the background, with its progress
 * kept in {@code endorsee_import}. A row either becomes a whole endorsement or nothing; a bad row never stops the
 * others. A row imported before with the same values is counted unchanged, so the same file imported again, or
 * twice at once, changes nothing: the number is the stream's id, and a stream is created once.
 */
@Component
public class EndorseeImports {

    private static final Logger log = LoggerFactory.getLogger(EndorseeImports.class);
    private static final TypeReference<List<RowProblem>> PROBLEMS = new TypeReference<>() {
    };

    /** The outcome of checking a file without importing it. */
    public record DryRun(int total, int valid, String fileSha256, List<RowProblem> problems) {
    }

    /** An import as its admin follows it. */
    public record Progress(String importId, String status, String importedBy, String fileSha256, Instant startedAt,
                           Instant finishedAt, int total, int done, int imported, int unchanged, int failed,
                           List<RowProblem> problems) {
    }

    private final CommandGateway commands;
    private final Endorsees registry;
    private final TenantPolicies policies;
    private final JdbcTemplate jdbc;
    private final ObjectMapper json;
    private final Clock clock;
    private final int maxRows;
    private final ExecutorService rows;
    private final ExecutorService imports = Executors.newFixedThreadPool(2, named("endorsee-import"));

    EndorseeImports(CommandGateway commands, Endorsees registry, TenantPolicies policies, JdbcTemplate jdbc,
                    @Qualifier("defaultAxonObjectMapper") ObjectMapper json, Clock clock,
                    @Value("${iecmh.imports.max-rows:50000}") int maxRows,
                    @Value("${iecmh.imports.parallelism:4}") int parallelism) {
        this.commands = commands;
        this.registry = registry;
        this.policies = policies;
        this.jdbc = jdbc;
        this.json = json;
        this.clock = clock;
        this.maxRows = maxRows;
        this.rows = Executors.newFixedThreadPool(parallelism, named("endorsee-import-row"));
    }

    /** Every row's problems, nothing written. */
    public DryRun check(byte[] file, Actor actor) {
        EndorseeFile endorsees = EndorseeFile.read(file, maxRows);
        List<EndorseeRules.Checked> checked = rules(actor).check(endorsees.rows(), held(endorsees, actor),
                new EndorseeRules.Origin("dry-run", endorsees.sha256(), actor.subject(), clock.instant()));
        return new DryRun(checked.size(), (int) checked.stream().filter(EndorseeRules.Checked::valid).count(),
                endorsees.sha256(), problemsOf(checked));
    }

    /** Starts importing the file and answers its id at once; the rows are imported in the background. */
    public String start(byte[] file, Actor actor) {
        EndorseeFile endorsees = EndorseeFile.read(file, maxRows);
        String importId = UUID.randomUUID().toString();
        Instant now = clock.instant();
        Map<String, Optional<String>> held = held(endorsees, actor);
        List<EndorseeRules.Checked> checked = rules(actor).check(endorsees.rows(), held,
                new EndorseeRules.Origin(importId, endorsees.sha256(), actor.subject(), now));
        List<RowProblem> problems = problemsOf(checked);
        int failed = (int) checked.stream().filter(row -> !row.valid()).count();
        // A good row whose number is held is the same row imported before: unchanged, with nothing to send.
        List<EndorseeRules.Checked> toSend = checked.stream().filter(EndorseeRules.Checked::valid)
                .filter(row -> !held.containsKey(row.command().endorsementNumber())).toList();
        int unchanged = (int) checked.stream().filter(EndorseeRules.Checked::valid).count() - toSend.size();
        jdbc.update("""
                INSERT INTO endorsee_import (import_id, tenant_id, imported_by, file_sha256, started_at, total, done,
                                             unchanged, failed, problems)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?::jsonb)""", importId, actor.tenantId(), actor.subject(),
                endorsees.sha256(), Timestamp.from(now), checked.size(), failed + unchanged, unchanged, failed,
                write(problems));
        imports.execute(() -> run(importId, toSend, unchanged, actor.metaData(), actor.tenantId(), problems));
        return importId;
    }

    /** The import's progress, for the association that started it only. */
    public Progress progress(String importId, Actor actor) {
        return jdbc.query("SELECT * FROM endorsee_import WHERE import_id = ? AND tenant_id = ?", (rs, n) ->
                new Progress(rs.getString("import_id"), rs.getTimestamp("finished_at") == null ? "RUNNING" : "FINISHED",
                        rs.getString("imported_by"),
                        rs.getString("file_sha256"), rs.getTimestamp("started_at").toInstant(),
                        rs.getTimestamp("finished_at") == null ? null : rs.getTimestamp("finished_at").toInstant(),
                        rs.getInt("total"), rs.getInt("done"), rs.getInt("imported"), rs.getInt("unchanged"),
                        rs.getInt("failed"), read(rs.getString("problems"))), importId, actor.tenantId())
                .stream().findFirst().orElseThrow(() -> new UnknownResource("endorsee import", importId));
    }

    /** The numbers of the file the association already has, each with the fingerprint of the row that imported it. */
    private Map<String, Optional<String>> held(EndorseeFile file, Actor actor) {
        List<String> numbers = file.rows().stream().map(row -> row.value(EndorseeFile.NUMBER))
                .filter(number -> !number.isEmpty()).distinct().toList();
        return registry.heldNumbers(actor.tenantId(), numbers);
    }

    private EndorseeRules rules(Actor actor) {
        return new EndorseeRules(actor.tenantId(), policies.today(actor.tenantId(), clock));
    }

    private void run(String importId, List<EndorseeRules.Checked> toSend, int unchangedAtCheck, MetaData metaData,
                     String tenantId, List<RowProblem> checkProblems) {
        AtomicInteger imported = new AtomicInteger();
        AtomicInteger unchanged = new AtomicInteger(unchangedAtCheck);
        List<RowProblem> problems = Collections.synchronizedList(new ArrayList<>(checkProblems));
        List<CompletableFuture<Void>> pending = new ArrayList<>(toSend.size());
        for (EndorseeRules.Checked row : toSend) {
            pending.add(CompletableFuture.runAsync(() -> importRow(row.command(), row.row().line(), metaData,
                    tenantId, imported, unchanged, problems), rows));
        }
        CompletableFuture<Void> all = CompletableFuture.allOf(pending.toArray(CompletableFuture[]::new));
        boolean finished = false;
        while (!finished) {
            try {
                all.get(500, TimeUnit.MILLISECONDS);
                finished = true;
            } catch (TimeoutException e) {
                record(importId, imported, unchanged, problems, false);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (ExecutionException e) {
                log.error("Import {} stopped", importId, e.getCause());
                finished = true;
            }
        }
        record(importId, imported, unchanged, problems, true);
    }

    /**
     * One row, one command, one transaction. The stream is created once: a number that another import (or a grant)
     * took since the check fails to be created, and is checked again.
     */
    private void importRow(ImportEndorsement command, int line, MetaData metaData, String tenantId,
                           AtomicInteger imported, AtomicInteger unchanged, List<RowProblem> problems) {
        try {
            commands.sendAndWait(command, metaData);
            imported.incrementAndGet();
        } catch (RuntimeException e) {
            Map<String, Optional<String>> held = registry.heldNumbers(tenantId, List.of(command.endorsementNumber()));
            Optional<RowProblem> taken = EndorseeRules.taken(line, command, held);
            if (taken.isPresent()) {
                problems.add(taken.get());
            } else if (held.containsKey(command.endorsementNumber())) {
                unchanged.incrementAndGet();
            } else {
                log.warn("Row {} of an endorsee import was not imported", line, e);
                problems.add(new RowProblem(line, null, ImportRule.NOT_IMPORTED, "Not imported: "
                        + e.getMessage() + "; import the file again"));
            }
        }
    }

    private void record(String importId, AtomicInteger imported, AtomicInteger unchanged, List<RowProblem> problems,
                        boolean finished) {
        List<RowProblem> sorted;
        synchronized (problems) {
            sorted = new ArrayList<>(problems);
        }
        sorted.sort(Comparator.comparingInt(RowProblem::line));
        long failedRows = sorted.stream().map(RowProblem::line).distinct().count();
        jdbc.update("""
                UPDATE endorsee_import SET imported = ?, unchanged = ?, failed = ?, done = ? + ? + ?, problems = ?::jsonb,
                                           finished_at = CASE WHEN ? THEN ? ELSE finished_at END
                WHERE import_id = ?""", imported.get(), unchanged.get(), failedRows, imported.get(), unchanged.get(),
                failedRows, write(sorted), finished, Timestamp.from(clock.instant()), importId);
    }

    private static List<RowProblem> problemsOf(List<EndorseeRules.Checked> checked) {
        return checked.stream().flatMap(row -> row.problems().stream()).toList();
    }

    private String write(List<RowProblem> problems) {
        try {
            return json.writeValueAsString(problems);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private List<RowProblem> read(String problems) {
        try {
            return json.readValue(problems, PROBLEMS);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static java.util.concurrent.ThreadFactory named(String name) {
        AtomicInteger count = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, name + "-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }

    @PreDestroy
    void stop() {
        imports.shutdownNow();
        rows.shutdownNow();
    }

}
