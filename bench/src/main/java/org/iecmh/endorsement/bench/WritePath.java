package org.iecmh.endorsement.bench;

import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.UUID;

/**
 * One-event commands per second at each concurrency, through the gateway and straight to application-service, beside
 * what the same PostgreSQL server does with a single-row INSERT and COMMIT of an event-shaped row (about 1 KB of
 * bytea, synchronous commit) at the same concurrency. With them: the database commits a command costs, the events it
 * appends, and the CPU and memory of the platform's JVM per 1,000 commands.
 *
 * <p>The command is the association admin's record of an endorsement held before the platform
 * ({@code POST /api/applications/prior-endorsements}): it appends exactly one event ({@code PriorEndorsementRecorded})
 * to an aggregate of its own, so every worker writes to distinct aggregates at any concurrency. (A portfolio entry
 * needs an application in progress, and the local platform has eight applicants, one application in progress each.)
 */
final class WritePath {

    static final String SCRATCH_DATABASE = "bench_scratch";
    private static final String COMMAND = "/api/applications/prior-endorsements";
    private static final Duration WARM_UP_SLICE = Duration.ofSeconds(5);
    /** At most 2 minutes of warm-up each way. */
    private static final int WARM_UP_SLICES = 24;

    private final Target target;
    private final Settings settings;
    private final String run;

    /** The commit limit at each concurrency, as this run measured it. */
    private final Map<Integer, ClosedLoop.Result> limits = new LinkedHashMap<>();

    WritePath(Target target, Settings settings, String run) {
        this.target = target;
        this.settings = settings;
        this.run = run;
    }

    void measure(Table table) throws Exception {
        OptionalLong platformJvm = Processes.listeningOn(Target.APPLICATION_SERVICE);
        OptionalLong postgres = Processes.listeningOn(Target.POSTGRES);
        // A JVM just started runs its code interpreted, then compiles it for a few minutes on two cores: both ways
        // are warmed up until their rate stops rising before anything is measured.
        Map<String, String> admin = target.as("admin-ma", "ma");
        Bench.say("warming the platform up with commands, direct and through the gateway, until the rate settles");
        Map<String, Duration> warmedFor = new LinkedHashMap<>();
        warmedFor.put("d", warmUp(target.url(Target.APPLICATION_SERVICE, COMMAND), admin, "w"));
        warmedFor.put("g", warmUp(target.url(Target.GATEWAY, COMMAND), admin, "v"));
        Bench.say("commit limit: single-row INSERT+COMMIT in " + SCRATCH_DATABASE + " at c = "
                + settings.concurrencies());
        Usage.Background idle = Usage.Background.measure(target, platformJvm, postgres);
        limits.clear();
        Usage sqlUsage = Usage.start(target, platformJvm, postgres);
        long sqlCommits = 0;
        for (int c : settings.concurrencies()) {
            ClosedLoop.Result limit = commits(c);
            limits.put(c, limit);
            sqlCommits += limit.okWithWarmUp();
            Bench.say("  c = " + c + ": " + Table.perSecond(limit.perSecond()) + ", " + limit.detail());
        }
        Usage.Delta sql = sqlUsage.stop(idle);

        admin = target.as("admin-ma", "ma");
        Map<Integer, ClosedLoop.Result> direct = new LinkedHashMap<>();
        Map<Integer, ClosedLoop.Result> gateway = new LinkedHashMap<>();
        Map<String, String> recoveries = new LinkedHashMap<>();
        long eventsBefore = priorEndorsementEvents();
        Usage commandUsage = Usage.start(target, platformJvm, postgres);
        long directCommands = 0;
        for (int c : settings.concurrencies()) {
            Bench.say("commands direct to application-service at c = " + c);
            ClosedLoop.Result result = commands(target.url(Target.APPLICATION_SERVICE, COMMAND), admin, c, "d",
                    settings.warmUp(), settings.window());
            direct.put(c, result);
            directCommands += result.okWithWarmUp();
            recoveries.put("d" + c, recovered());
            Bench.say("  " + Table.perSecond(result.perSecond()) + ", " + result.detail() + recoveries.get("d" + c));
        }
        Usage.Delta commands = commandUsage.stop(idle);
        long eventsAppended = priorEndorsementEvents() - eventsBefore;
        double[] memory = platformJvm.isPresent() ? Processes.residentMegabytes(platformJvm.getAsLong())
                : new double[]{Double.NaN, Double.NaN};
        for (int c : settings.concurrencies()) {
            Bench.say("commands through the gateway at c = " + c);
            ClosedLoop.Result result = commands(target.url(Target.GATEWAY, COMMAND), admin, c, "g",
                    settings.warmUp(), settings.window());
            gateway.put(c, result);
            recoveries.put("g" + c, recovered());
            Bench.say("  " + Table.perSecond(result.perSecond()) + ", " + result.detail() + recoveries.get("g" + c));
        }

        for (int c : settings.concurrencies()) {
            ClosedLoop.Result limit = limits.get(c);
            String limitName = "INSERT+COMMIT c = " + c;
            String limitDetail = "; limit p50 " + Table.millis(limit.latencies().p50()) + ", p99 "
                    + Table.millis(limit.latencies().p99())
                    + (limit.stalls() > 0 ? ", " + limit.stalls() + " failed" : "");
            table.add(Table.rate("one-event commands/s, c = " + c + ", through the gateway (8080)",
                    gateway.get(c).perSecond(), limitName, limit.perSecond(), goal(c, true),
                    gateway.get(c).detail() + recoveries.get("g" + c) + limitDetail + warmedUp(warmedFor.get("g"))));
            table.add(Table.rate("one-event commands/s, c = " + c + ", direct (8081)",
                    direct.get(c).perSecond(), limitName, limit.perSecond(), goal(c, false),
                    direct.get(c).detail() + recoveries.get("d" + c) + limitDetail + warmedUp(warmedFor.get("d"))));
        }
        double commitsPerCommand = commands.commits() / directCommands;
        table.add(new Table.Row("database commits per command (application database, direct runs)",
                Table.number(commitsPerCommand, "%.1f"), "one transaction: 1", Table.times(commitsPerCommand, 1),
                "1 (one transaction per command)", String.format(java.util.Locale.ROOT,
                "pg_stat_database.xact_commit over %,d commands, idle commits (%.1f/s) subtracted; events appended "
                        + "per command: %s", directCommands, idle.commitsPerSecond(),
                Table.number((double) eventsAppended / directCommands, "%.2f"))));
        if (platformJvm.isPresent() && postgres.isPresent()) {
            double limitCpu = 1000 * sql.postgresCpu() / sqlCommits;
            table.add(new Table.Row("CPU s per 1,000 commands: platform JVM (every service, Kafka, mail)",
                    Table.number(1000 * commands.jvmCpu() / directCommands, "%.2f s"),
                    "PostgreSQL CPU per 1,000 INSERT+COMMIT: " + Table.number(limitCpu, "%.3f s"),
                    Table.times(1000 * commands.jvmCpu() / directCommands, limitCpu), "",
                    "direct runs; idle CPU subtracted; application-service shares this JVM locally"));
            table.add(new Table.Row("CPU s per 1,000 commands: PostgreSQL",
                    Table.number(1000 * commands.postgresCpu() / directCommands, "%.3f s"),
                    "PostgreSQL CPU per 1,000 INSERT+COMMIT: " + Table.number(limitCpu, "%.3f s"),
                    Table.times(1000 * commands.postgresCpu() / directCommands, limitCpu), "",
                    "all PostgreSQL processes, direct runs; idle CPU subtracted"));
            table.add(new Table.Row("RSS of the platform JVM after the command runs", Table.number(memory[0],
                    "%,.0f MB"), "n/a", "", "", "peak " + Table.number(memory[1], "%,.0f MB")
                    + " (VmHWM); pid " + platformJvm.getAsLong()));
        } else {
            table.add(Table.failed("CPU and RSS per 1,000 commands",
                    "no process found listening on port 8081 or 15432 (not Linux, or another user's)"));
        }
    }

    /**
     * Commands at c = 8 in slices of {@link #WARM_UP_SLICE} until two slices in a row are no more than 5% faster than
     * the fastest before them (the compilers have done most of their work), at least the warm-up setting twice over and
     * at most {@link #WARM_UP_SLICES} slices; answers how long it took.
     */
    private Duration warmUp(String url, Map<String, String> admin, String way) throws InterruptedException {
        double fastest = 0;
        int flat = 0;
        int slice = 0;
        Duration least = settings.warmUp().multipliedBy(2);
        while (slice < WARM_UP_SLICES) {
            ClosedLoop.Result result = commands(url, admin, 8, way + Character.forDigit(slice, 36), Duration.ZERO,
                    WARM_UP_SLICE);
            slice++;
            double rate = result.perSecond();
            Bench.say("  " + way + " slice " + slice + ": " + Table.perSecond(rate) + ", " + result.detail());
            flat = rate > fastest * 1.05 ? 0 : flat + 1;
            fastest = Math.max(fastest, rate);
            if (flat >= 2 && WARM_UP_SLICE.multipliedBy(slice).compareTo(least) >= 0) {
                break;
            }
        }
        Bench.say("  warmed up for " + WARM_UP_SLICE.multipliedBy(slice).toSeconds() + " s" + recovered());
        return WARM_UP_SLICE.multipliedBy(slice);
    }

    private static String warmedUp(Duration warmUp) {
        return "; after " + warmUp.toSeconds() + " s of warm-up at c = 8";
    }

    /** Waits until the platform is ready again after a load; says how long it took if that was noticeable. */
    private String recovered() throws InterruptedException {
        double waited = target.awaitReady(Duration.ofMinutes(5));
        if (Double.isNaN(waited)) {
            return "; not ready again 5 min after";
        }
        return waited > 1 ? String.format(java.util.Locale.ROOT, "; ready again %.0f s after", waited) : "";
    }

    private static String goal(int c, boolean throughGateway) {
        if (c == 8) {
            return throughGateway ? ">= 15%" : ">= 25%";
        }
        return c == 64 ? "no 5xx, no timeout" : "";
    }

    /** One-event commands at concurrency c, each recording a new prior endorsement (a new aggregate). */
    private ClosedLoop.Result commands(String url, Map<String, String> admin, int c, String way, Duration warmUp,
                                       Duration window) {
        return ClosedLoop.run(c, warmUp, window, 1_000_000, (worker, n) -> {
            // Numbers are at most 32 characters: B, the run, the way, the worker and the count.
            String number = "B" + run + way + c + "-" + worker + "-" + n;
            return target.post(url, admin, "{\"endorsementNumber\": " + Json.quote(number)
                    + ", \"subject\": \"bench-reviewer-" + worker + "\", \"name\": \"Bench Reviewer\", "
                    + "\"category\": \"IFA\", \"endorsedSince\": \"2015-06-01\"}").status();
        });
    }

    /** Single-row INSERT+COMMIT of an event-shaped row at concurrency c, one connection per worker. */
    private ClosedLoop.Result commits(int c) throws SQLException {
        try (Connection admin = target.database("postgres"); Statement sql = admin.createStatement()) {
            try (ResultSet exists = sql.executeQuery("SELECT 1 FROM pg_database WHERE datname = '"
                    + SCRATCH_DATABASE + "'")) {
                if (!exists.next()) {
                    sql.execute("CREATE DATABASE " + SCRATCH_DATABASE);
                }
            }
        }
        try (Connection setup = target.database(SCRATCH_DATABASE); Statement sql = setup.createStatement()) {
            // The shape of Axon's domain_event_entry, without the service's other indexes.
            sql.execute("DROP TABLE IF EXISTS event_row");
            sql.execute("""
                    CREATE TABLE event_row (
                        global_index         BIGSERIAL    PRIMARY KEY,
                        aggregate_identifier VARCHAR(255) NOT NULL,
                        sequence_number      BIGINT       NOT NULL,
                        event_identifier     VARCHAR(255) NOT NULL UNIQUE,
                        payload_type         VARCHAR(255) NOT NULL,
                        time_stamp           VARCHAR(255) NOT NULL,
                        meta_data            BYTEA,
                        payload              BYTEA        NOT NULL,
                        UNIQUE (aggregate_identifier, sequence_number))""");
        }
        List<Connection> connections = new ArrayList<>();
        List<PreparedStatement> inserts = new ArrayList<>();
        byte[] payload = new byte[1024];
        new SecureRandom().nextBytes(payload);
        try {
            for (int w = 0; w < c; w++) {
                Connection connection = target.database(SCRATCH_DATABASE);
                connections.add(connection);
                try (Statement sql = connection.createStatement()) {
                    sql.execute("SET synchronous_commit = on");
                }
                connection.setAutoCommit(false);
                inserts.add(connection.prepareStatement("INSERT INTO event_row (aggregate_identifier, "
                        + "sequence_number, event_identifier, payload_type, time_stamp, meta_data, payload) "
                        + "VALUES (?, ?, ?, 'org.iecmh.endorsement.bench.Event', ?, ?, ?)"));
            }
            String aggregate = UUID.randomUUID().toString();
            byte[] metaData = ("{\"tenantId\":\"ma\",\"subject\":\"bench\",\"role\":\"APPLICANT\","
                    + "\"correlationId\":\"" + UUID.randomUUID() + "\"}").getBytes(java.nio.charset.StandardCharsets.UTF_8);
            return ClosedLoop.run(c, settings.warmUp(), settings.window(), 10_000_000, (worker, n) -> {
                PreparedStatement insert = inserts.get(worker);
                insert.setString(1, aggregate + "-" + worker);
                insert.setLong(2, n);
                insert.setString(3, UUID.randomUUID().toString());
                insert.setString(4, java.time.Instant.now().toString());
                insert.setBytes(5, metaData);
                insert.setBytes(6, payload);
                insert.executeUpdate();
                insert.getConnection().commit();
                return 200;
            });
        } finally {
            for (Connection connection : connections) {
                connection.close();
            }
        }
    }

    /** The commit limit measured at the lowest concurrency of at least {@code c} (else the highest), or null. */
    ClosedLoop.Result commitLimitAtOrAbove(int c) {
        return limits.entrySet().stream().filter(e -> e.getKey() >= c).min(Map.Entry.comparingByKey())
                .or(() -> limits.entrySet().stream().max(Map.Entry.comparingByKey())).map(Map.Entry::getValue)
                .orElse(null);
    }

    int concurrencyOf(ClosedLoop.Result limit) {
        return limits.entrySet().stream().filter(e -> e.getValue() == limit).map(Map.Entry::getKey).findFirst()
                .orElse(0);
    }

    private long priorEndorsementEvents() throws SQLException {
        try (Connection connection = target.database("application"); Statement sql = connection.createStatement();
             ResultSet count = sql.executeQuery(
                     "SELECT count(*) FROM domain_event_entry WHERE payload_type LIKE '%PriorEndorsementRecorded'")) {
            count.next();
            return count.getLong(1);
        }
    }
}
