package org.iecmh.endorsement.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The benchmark: measures the running local platform from outside and prints one markdown table, each figure beside
 * the limit of the same machine's PostgreSQL or Kafka measured in the same run, and their ratio. It prints figures
 * and never fails on them; it exits non-zero only when it could not measure at all (the platform not answering).
 * {@code bench/run} starts the platform, runs this, and stops it.
 */
public final class Bench {

    private Bench() {
    }

    /** One measurement, which adds its lines to the table. */
    private interface Measurement {
        void measure(Table table) throws Exception;
    }

    public static void main(String[] args) throws Exception {
        if (List.of(args).contains("--help")) {
            System.out.println("bench/run [--target] [options]\n" + Settings.USAGE);
            return;
        }
        Settings settings = Settings.parse(List.of(args));
        Target target = new Target();
        awaitReady(target);
        // Names this run's records (endorsement numbers, search terms) apart from earlier runs' on the same platform.
        String run = Long.toString(Instant.now().getEpochSecond() % 60_466_176L, 36);
        String started = DateTimeFormatter.ISO_LOCAL_DATE.format(Instant.now().atOffset(ZoneOffset.UTC));
        String loadBefore = loadAverage();
        long start = System.nanoTime();
        Table table = new Table();
        LongStream.LongApplication[] longApplication = new LongStream.LongApplication[1];
        RegistryIngest registry = new RegistryIngest(target, settings, run);
        RegistryVisibility visibility = new RegistryVisibility(target, settings, run);
        Rebuild rebuild = new Rebuild(target, run);
        WritePath writePath = new WritePath(target, settings, run);
        Map<String, Measurement> measurements = new LinkedHashMap<>();
        measurements.put("commands", writePath::measure);
        measurements.put("import", new EndorseeImport(target, run, writePath)::measure);
        measurements.put("long-stream", t -> longApplication[0] = new LongStream(target, settings).measure(t));
        measurements.put("state-at", t -> new AuditReads(target, settings).measure(t, longApplication[0]));
        measurements.put("rebuild", rebuild::applicationViews);
        measurements.put("visibility", visibility::visibility);
        measurements.put("ingest", registry::ingest);
        measurements.put("registry-rebuild", rebuild::registry);
        measurements.put("search", new Search(target, settings, run)::measure);
        if (!List.copyOf(measurements.keySet()).equals(Settings.MEASUREMENTS)) {
            throw new IllegalStateException("The measurements are " + measurements.keySet() + ", not "
                    + Settings.MEASUREMENTS);
        }
        for (Map.Entry<String, Measurement> named : measurements.entrySet()) {
            if (!settings.runs(named.getKey())) {
                continue;
            }
            Measurement measurement = named.getValue();
            double waited = target.awaitReady(Duration.ofMinutes(5));
            if (Double.isNaN(waited) || waited > 1) {
                say(Double.isNaN(waited) ? "the platform was still not ready after 5 min; measuring anyway"
                        : String.format(Locale.ROOT, "the platform was ready again after %.0f s", waited));
            }
            try {
                measurement.measure(table);
            } catch (Exception | AssertionError e) {
                say("a measurement failed: " + e);
                e.printStackTrace();
                table.add(Table.failed("(a measurement, see the log)", e.toString()));
            }
        }
        StringBuilder report = new StringBuilder();
        report.append(String.format(Locale.ROOT, "Benchmark of %s, %s, load average %s at the start and %s at the "
                        + "end; %s; took %.0f min.%n%n", started, machine(), loadBefore, loadAverage(),
                postgresSettings(target), (System.nanoTime() - start) / 60e9));
        report.append(table.markdown());
        System.out.println();
        System.out.print(report);
        String out = System.getProperty("bench.report");
        if (out != null) {
            Files.writeString(Path.of(out), report.toString());
            say("table written to " + out);
        }
    }

    private static void awaitReady(Target target) throws InterruptedException {
        if (Double.isNaN(target.awaitReady(Duration.ofMinutes(2)))) {
            throw new IllegalStateException("The platform is not ready: start it (deploy/local/run) or let bench/run "
                    + "start it");
        }
    }

    /** The machine the figures come from: cores, processor, memory. */
    private static String machine() {
        String cpu = "";
        String memory = "";
        try {
            cpu = Files.readAllLines(Path.of("/proc/cpuinfo")).stream().filter(l -> l.startsWith("model name"))
                    .findFirst().map(l -> l.substring(l.indexOf(':') + 1).trim()).orElse("");
            memory = Files.readAllLines(Path.of("/proc/meminfo")).stream().filter(l -> l.startsWith("MemTotal"))
                    .findFirst().map(l -> Long.parseLong(l.replaceAll("[^0-9]", "")) / 1024 / 1024 + " GB RAM")
                    .orElse("");
        } catch (Exception notLinux) {
            // Leaves them out.
        }
        return Runtime.getRuntime().availableProcessors() + " cores" + (cpu.isEmpty() ? "" : " (" + cpu + ")")
                + (memory.isEmpty() ? "" : ", " + memory);
    }

    /** The one-minute load average: on a shared machine, how much else ran beside the benchmark. */
    private static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
        } catch (Exception notLinux) {
            return "unknown";
        }
    }

    private static String postgresSettings(Target target) {
        try (Connection connection = target.database("postgres"); Statement sql = connection.createStatement()) {
            List<String> settings = new ArrayList<>();
            for (String name : List.of("server_version", "synchronous_commit", "fsync", "max_connections")) {
                try (ResultSet value = sql.executeQuery("SHOW " + name)) {
                    value.next();
                    settings.add(name + " " + value.getString(1));
                }
            }
            return "PostgreSQL " + String.join(", ", settings) + " (the services' sessions use the server's "
                    + "synchronous_commit; the limit's sessions set it on)";
        } catch (SQLException e) {
            return "PostgreSQL settings unknown: " + e.getMessage();
        }
    }

    static void say(String message) {
        System.err.println("[bench] " + message);
    }
}
