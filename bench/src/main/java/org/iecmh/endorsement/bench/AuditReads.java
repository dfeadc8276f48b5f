package org.iecmh.endorsement.bench;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The audit's reads of the long application ({@code /api/audit/applications/{id}/state?sequence=<last>}, its state
 * replayed to the newest event, and {@code /verification}, its hash chain recomputed), straight to
 * application-service, against a raw ordered read of the same rows from its event store over JDBC.
 */
final class AuditReads {

    private static final Duration LIMIT_PER_MEASUREMENT = Duration.ofMinutes(3);

    private final Target target;
    private final Settings settings;

    AuditReads(Target target, Settings settings) {
        this.target = target;
        this.settings = settings;
    }

    void measure(Table table, LongStream.LongApplication application) throws SQLException {
        if (application == null) {
            table.add(Table.failed("audit state-at and verification", "no long application to read"));
            return;
        }
        Latencies raw = new Latencies();
        try (Connection connection = target.database("application");
             PreparedStatement rows = connection.prepareStatement(
                     "SELECT * FROM domain_event_entry WHERE aggregate_identifier = ? ORDER BY sequence_number")) {
            rows.setString(1, application.applicationId());
            rows.setFetchSize(1000);
            for (int i = -WARM_UP; i < settings.samples(); i++) {
                long start = System.nanoTime();
                long read = readAll(rows);
                long took = System.nanoTime() - start;
                if (read != application.events()) {
                    throw new IllegalStateException("read " + read + " rows of " + application.events());
                }
                if (i >= 0) {
                    raw.add(took);
                }
            }
        }
        String base = target.url(Target.APPLICATION_SERVICE, "/api/audit/applications/"
                + application.applicationId());
        Map<String, String> auditor = target.as("auditor-ma", "ma");
        long last = application.events() - 1;
        Bench.say("audit state at sequence " + last + " and verification of " + application.events() + " events");
        Sampled state = sample(() -> target.get(base + "/state?sequence=" + last, auditor));
        Sampled verification = sample(() -> target.get(base + "/verification", auditor));
        String rawDetail = "raw read p99 " + Table.millis(raw.p99()) + " over " + raw.count();
        table.add(Table.time("audit state-at, " + String.format("%,d", application.events())
                        + "-event application, p50", state.latencies().p50(), "raw ordered read of its rows",
                raw.p50(), "<= 10×", state.detail() + "; " + rawDetail));
        table.add(Table.time("audit chain verification, same application, p50", verification.latencies().p50(),
                "raw ordered read of its rows", raw.p50(), "", verification.detail() + "; " + rawDetail));
    }

    /**
     * Untimed repetitions before the timed ones, of the raw read and of each request alike: the first replays of a
     * service run its handlers' code before it is compiled.
     */
    private static final int WARM_UP = 10;

    private record Sampled(Latencies latencies, int failures, String firstFailure) {

        String detail() {
            return "p99 " + Table.millis(latencies.p99()) + " over " + latencies.count()
                    + (failures > 0 ? "; failed " + failures + ": " + firstFailure : "");
        }
    }

    /** The request timed {@code samples} times after {@link #WARM_UP} untimed ones, bounded in time. */
    private Sampled sample(Supplier<Target.Answer> request) {
        Latencies latencies = new Latencies();
        int failures = 0;
        String firstFailure = null;
        long deadline = System.nanoTime() + LIMIT_PER_MEASUREMENT.toNanos();
        for (int i = -WARM_UP; i < settings.samples() && System.nanoTime() < deadline; i++) {
            Target.Answer answer = request.get();
            if (!answer.ok()) {
                failures++;
                if (firstFailure == null) {
                    firstFailure = answer.status() + " " + answer.body();
                }
            } else if (i >= 0) {
                latencies.add(answer.nanos());
            }
        }
        return new Sampled(latencies, failures, firstFailure);
    }

    /** Reads every column of every row, as a replay must. */
    static long readAll(PreparedStatement query) throws SQLException {
        long rows = 0;
        try (ResultSet result = query.executeQuery()) {
            int columns = result.getMetaData().getColumnCount();
            while (result.next()) {
                for (int c = 1; c <= columns; c++) {
                    result.getObject(c);
                }
                rows++;
            }
        }
        return rows;
    }
}
