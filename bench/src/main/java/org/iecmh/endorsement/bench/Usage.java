package org.iecmh.endorsement.bench;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.OptionalLong;

/**
 * What a stretch of load cost the machine: CPU seconds of the platform's JVM and of PostgreSQL (every process of the
 * server), and the transactions committed in application-service's database ({@code pg_stat_database.xact_commit}),
 * each less what the idle platform spends in the same time (its tracking processors poll, for one).
 */
final class Usage {

    /**
     * PostgreSQL publishes a backend's counters at most once a second, and an idle backend's last ones within ten:
     * a reading waits that long after the load so that it counts all of it.
     */
    static final long STATISTICS_SETTLE_MILLIS = 11_000;

    private final Target target;
    private final OptionalLong jvm;
    private final OptionalLong postgres;
    private final Reading start;

    private record Reading(long nanos, double jvmCpu, double postgresCpu, long commits) {
    }

    /** What the loaded stretch cost, idle cost subtracted. */
    record Delta(double jvmCpu, double postgresCpu, double commits) {
    }

    private Usage(Target target, OptionalLong jvm, OptionalLong postgres, Reading start) {
        this.target = target;
        this.jvm = jvm;
        this.postgres = postgres;
        this.start = start;
    }

    static Usage start(Target target, OptionalLong jvm, OptionalLong postgres) throws SQLException {
        return new Usage(target, jvm, postgres, read(target, jvm, postgres));
    }

    Delta stop(Background idle) throws SQLException, InterruptedException {
        Thread.sleep(STATISTICS_SETTLE_MILLIS);
        Reading end = read(target, jvm, postgres);
        double seconds = (end.nanos() - start.nanos()) / 1e9;
        return new Delta(end.jvmCpu() - start.jvmCpu() - idle.jvmCpuPerSecond() * seconds,
                end.postgresCpu() - start.postgresCpu() - idle.postgresCpuPerSecond() * seconds,
                end.commits() - start.commits() - idle.commitsPerSecond() * seconds);
    }

    /** What the platform spends per second while nobody asks anything of it. */
    record Background(double jvmCpuPerSecond, double postgresCpuPerSecond, double commitsPerSecond) {

        static Background measure(Target target, OptionalLong jvm, OptionalLong postgres)
                throws SQLException, InterruptedException {
            Bench.say("idle platform: " + (2 * STATISTICS_SETTLE_MILLIS / 1000) + " s of background measured");
            Thread.sleep(STATISTICS_SETTLE_MILLIS);
            Reading first = read(target, jvm, postgres);
            Thread.sleep(STATISTICS_SETTLE_MILLIS);
            Reading second = read(target, jvm, postgres);
            double seconds = (second.nanos() - first.nanos()) / 1e9;
            return new Background((second.jvmCpu() - first.jvmCpu()) / seconds,
                    (second.postgresCpu() - first.postgresCpu()) / seconds,
                    (second.commits() - first.commits()) / seconds);
        }
    }

    private static Reading read(Target target, OptionalLong jvm, OptionalLong postgres) throws SQLException {
        long commits;
        try (Connection connection = target.database("postgres");
             PreparedStatement sql = connection.prepareStatement(
                     "SELECT xact_commit FROM pg_stat_database WHERE datname = ?")) {
            sql.setString(1, "application");
            try (ResultSet row = sql.executeQuery()) {
                commits = row.next() ? row.getLong(1) : 0;
            }
        }
        return new Reading(System.nanoTime(),
                jvm.isPresent() ? Processes.cpuSeconds(jvm.getAsLong()) : Double.NaN,
                postgres.isPresent() ? Processes.cpuSecondsWithChildren(postgres.getAsLong()) : Double.NaN,
                commits);
    }
}
