package org.iecmh.endorsement.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * An application in a JVM of its own, from its executable jar: the gateway is a reactive (WebFlux) application and
 * the identity provider has its own security set-up, and neither shares the services' classpath.
 */
final class LocalJvm implements AutoCloseable {

    private final String name;
    private final Process process;

    private LocalJvm(String name, Process process) {
        this.name = name;
        this.process = process;
    }

    static LocalJvm start(String name, Path jar, int port, List<String> arguments, Path log, Duration timeout) {
        List<String> all = new ArrayList<>(List.of("--server.port=" + port));
        all.addAll(arguments);
        try {
            Files.deleteIfExists(log);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return start(name, jar, all, List.of(port), log, timeout);
    }

    /**
     * Starts {@code java -jar jar arguments...} and returns once every one of {@code ports} answers its readiness
     * probe. The log is appended to, so that a JVM started again keeps the lines of the one before.
     */
    static LocalJvm start(String name, Path jar, List<String> arguments, List<Integer> ports, Path log,
                          Duration timeout) {
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException("No " + name + " jar at " + jar.toAbsolutePath()
                    + ": build it first with ./mvnw package -DskipTests");
        }
        List<String> command = new ArrayList<>(List.of(javaExecutable()));
        if (!"full".equals(System.getenv("IECMH_LOCAL_JIT"))) {
            // The client compiler alone starts an application sooner; IECMH_LOCAL_JIT=full (bench/run) keeps both.
            command.add("-XX:TieredStopAtLevel=1");
        }
        command.addAll(List.of("-Xshare:auto", "-jar", jar.toString()));
        command.addAll(arguments);
        try {
            Files.createDirectories(log.getParent());
            Process process = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
            LocalJvm jvm = new LocalJvm(name, process);
            Instant deadline = Instant.now().plus(timeout);
            for (int port : ports) {
                jvm.awaitReady(port, log, deadline, timeout);
            }
            return jvm;
        } catch (IOException e) {
            throw new UncheckedIOException("Could not start the " + name, e);
        }
    }

    private void awaitReady(int port, Path log, Instant deadline, Duration timeout) {
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(1)).build();
        HttpRequest readiness = HttpRequest.newBuilder(
                URI.create("http://localhost:" + port + "/actuator/health/readiness")).timeout(Duration.ofSeconds(2))
                .build();
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IllegalStateException("The " + name + " stopped while starting; see " + log);
            }
            try {
                if (http.send(readiness, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // Not listening yet.
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            try {
                process.waitFor(250, java.util.concurrent.TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        close();
        throw new IllegalStateException("The " + name + " was not ready within " + timeout.toSeconds() + " s; see "
                + log);
    }

    /** The processor time the JVM has used so far (zero where the system does not say). */
    Duration cpu() {
        return process.info().totalCpuDuration().orElse(Duration.ZERO);
    }

    /** Kills the JVM at once, as {@code kill -9} does: no shutdown hook runs, nothing in flight finishes. */
    void kill() {
        process.destroyForcibly();
        try {
            if (!process.waitFor(30, java.util.concurrent.TimeUnit.SECONDS)) {
                throw new IllegalStateException("The " + name + " did not die within 30 s of SIGKILL");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String javaExecutable() {
        return ProcessHandle.current().info().command().orElse("java");
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(20, java.util.concurrent.TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }
}
