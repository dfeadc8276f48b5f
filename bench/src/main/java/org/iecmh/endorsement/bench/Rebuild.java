package org.iecmh.endorsement.bench;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

/**
 * A rebuild of application-service's read model ({@code POST /api/applications/read-models/application-view/rebuilds}
 * as the platform operator, followed to DONE) in events per second, against an ordered scan of the same event store
 * (every row and column of {@code domain_event_entry} in {@code global_index} order, over JDBC with a cursor).
 */
final class Rebuild {

    private static final String READ_MODEL = "application-view";
    private static final Duration LIMIT = Duration.ofMinutes(15);

    private final Target target;

    Rebuild(Target target) {
        this.target = target;
    }

    void measure(Table table) throws SQLException, InterruptedException {
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
        Map<String, String> operator = target.as("operator", "ma");
        Bench.say("rebuild of " + READ_MODEL + " over " + scanned + " events");
        long start = System.nanoTime();
        Target.Answer started = target.post(base + "/" + READ_MODEL + "/rebuilds", operator, null);
        String id = Json.text(started.body(), "id");
        if (started.status() != 202 || id == null) {
            table.add(Table.failed("read-model rebuild", "not started: " + started.status() + " " + started.body()));
            return;
        }
        Target.Answer progress = started;
        long deadline = start + LIMIT.toNanos();
        while (System.nanoTime() < deadline && "RUNNING".equals(Json.text(progress.body(), "status"))) {
            Thread.sleep(100);
            progress = target.get(base + "/rebuilds/" + id, target.as("operator", "ma"));
        }
        double wall = (System.nanoTime() - start) / 1e9;
        String status = Json.text(progress.body(), "status");
        Long processed = Json.number(progress.body(), "processed");
        if (!"DONE".equals(status) || processed == null) {
            table.add(Table.failed("read-model rebuild", "ended " + status + " after " + Math.round(wall) + " s: "
                    + progress.body()));
            return;
        }
        String startedAt = Json.text(progress.body(), "startedAt");
        String finishedAt = Json.text(progress.body(), "finishedAt");
        double seconds = startedAt != null && finishedAt != null
                ? Duration.between(Instant.parse(startedAt), Instant.parse(finishedAt)).toNanos() / 1e9 : wall;
        table.add(Table.rate("read-model rebuild (" + READ_MODEL + "), events/s", processed / seconds,
                "ordered scan of the event store", scanPerSecond, ">= 30%", String.format(java.util.Locale.ROOT,
                        "%,d events in %.1f s (%.1f s from request to DONE seen); scan of %,d rows", processed,
                        seconds, wall, scanned)));
    }
}
