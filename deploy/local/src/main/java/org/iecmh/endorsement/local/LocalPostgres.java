package org.iecmh.endorsement.local;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import io.zonky.test.db.postgres.util.LinuxUtils;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** A PostgreSQL server from Maven Central's binaries, keeping its data in a local folder between runs. */
final class LocalPostgres implements AutoCloseable {

    private final EmbeddedPostgres postgres;
    private final Path dataDirectory;

    private LocalPostgres(EmbeddedPostgres postgres, Path dataDirectory) {
        this.postgres = postgres;
        this.dataDirectory = dataDirectory;
    }

    static LocalPostgres start(Path dataDirectory, int port, List<String> databases) {
        return start(dataDirectory, port, databases, Map.of());
    }

    /** {@code settings}: server settings that replace the embedded server's (which commits asynchronously). */
    static LocalPostgres start(Path dataDirectory, int port, List<String> databases, Map<String, String> settings) {
        try {
            EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
                    .setDataDirectory(dataDirectory)
                    .setCleanDataDirectory(false)
                    .setPort(port)
                    // Stopped by the platform, after the services that use it, never by a hook of its own.
                    .setRegisterShutdownHook(false);
            settings.forEach(builder::setServerConfig);
            EmbeddedPostgres postgres = builder.start();
            LocalPostgres server = new LocalPostgres(postgres, dataDirectory);
            server.createMissing(databases);
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException("Could not start PostgreSQL in " + dataDirectory, e);
        }
    }

    String jdbcUrl(String database) {
        return postgres.getJdbcUrl("postgres", database);
    }

    private void createMissing(List<String> databases) {
        try (Connection connection = postgres.getPostgresDatabase().getConnection();
             Statement sql = connection.createStatement()) {
            for (String database : databases) {
                try (ResultSet exists = sql.executeQuery(
                        "SELECT 1 FROM pg_database WHERE datname = '" + database + "'")) {
                    if (!exists.next()) {
                        sql.execute("CREATE DATABASE \"" + database + "\"");
                    }
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Could not create the services' databases", e);
        }
    }

    /**
     * Stops the server as a crash would (an immediate shutdown: every connection cut, the transactions in flight lost,
     * no checkpoint), runs {@code whileDown}, then starts it again on the same port and data, recovering from its
     * write-ahead log; returns once it accepts connections.
     */
    void crashAndRestart(Runnable whileDown) {
        try {
            long postmaster = Long.parseLong(Files.readAllLines(dataDirectory.resolve("postmaster.pid"),
                    StandardCharsets.US_ASCII).get(0).strip());
            ProcessHandle.Info running = ProcessHandle.of(postmaster)
                    .orElseThrow(() -> new IllegalStateException("PostgreSQL is not running")).info();
            Path binary = Path.of(running.command().orElseThrow());
            List<String> options = new ArrayList<>(List.of(running.arguments().orElseThrow()));
            // postgres -D <data> <options>: pg_ctl names the data directory itself and passes the rest on.
            int data = options.indexOf("-D");
            options.remove(data + 1);
            options.remove(data);
            String pgCtl = binary.resolveSibling("pg_ctl").toString();
            run(List.of(pgCtl, "-D", dataDirectory.toString(), "-m", "immediate", "-w", "-t", "60", "stop"));
            try {
                whileDown.run();
            } finally {
                run(List.of(pgCtl, "-D", dataDirectory.toString(), "-o", String.join(" ", options), "-l",
                        dataDirectory.resolveSibling("postgres-restarted.log").toString(), "-w", "-t", "120",
                        "start"));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The processor time the server has used since it last started: the postmaster's and that of every server process
     * it started, ended or not (Linux's {@code /proc}; zero elsewhere).
     */
    Duration cpu() {
        try {
            String pid = Files.readAllLines(dataDirectory.resolve("postmaster.pid"), StandardCharsets.US_ASCII).get(0)
                    .strip();
            String stat = Files.readString(Path.of("/proc", pid, "stat"));
            // Fields after the command's closing parenthesis; utime, stime, cutime and cstime are the 14th to 17th.
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            long ticks = 0;
            for (int field = 14; field <= 17; field++) {
                ticks += Long.parseLong(fields[field - 3]);
            }
            long alive = ProcessHandle.of(Long.parseLong(pid)).stream().flatMap(ProcessHandle::descendants)
                    .mapToLong(child -> child.info().totalCpuDuration().orElse(Duration.ZERO).toMillis()).sum();
            // The kernel counts in clock ticks of 10 ms (USER_HZ 100).
            return Duration.ofMillis(ticks * 10 + alive);
        } catch (IOException | RuntimeException unknown) {
            return Duration.ZERO;
        }
    }

    private static void run(List<String> command) throws IOException {
        List<String> asServer = new ArrayList<>();
        if (LinuxUtils.isUnshareAvailable()) {
            // PostgreSQL refuses to run as root: as the embedded server was started, in a user namespace of its own.
            asServer.addAll(List.of("unshare", "-U"));
        }
        asServer.addAll(command);
        Process process = new ProcessBuilder(asServer).redirectErrorStream(true).start();
        try {
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(150, TimeUnit.SECONDS) || process.exitValue() != 0) {
                throw new IllegalStateException(String.join(" ", command) + " failed: " + output);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() throws IOException {
        postgres.close();
    }
}
