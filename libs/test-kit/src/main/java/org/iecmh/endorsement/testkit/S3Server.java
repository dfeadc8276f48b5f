package org.iecmh.endorsement.testkit;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.HttpURLConnection;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.UUID;

/**
 * A real S3-compatible server for the tests: s3proxy on an in-memory store, which checks every request's AWS
 * signature as S3 does. It runs as a child JVM from s3proxy's self-contained jar (its own Jetty, jclouds and Jackson
 * would clash with Spring Boot's on the test class path), on a free port of the loopback address, once per test JVM,
 * and ends with it: on a normal exit by a shutdown hook, on any other by closing the pipe the child watches
 * ({@link S3ServerProcess}). Nothing needs Docker. Tests keep apart by using buckets of their own.
 */
public final class S3Server {

    private static final String HOST = "127.0.0.1";
    private static final String REGION = "us-east-1";
    private static final Duration STARTUP = Duration.ofSeconds(90);

    private final Process process;
    private final int port;
    private final String accessKey;
    private final String secretKey;

    private S3Server(Process process, int port, String accessKey, String secretKey) {
        this.process = process;
        this.port = port;
        this.accessKey = accessKey;
        this.secretKey = secretKey;
    }

    static S3Server start() {
        Path jar = s3proxyJar();
        try {
            Path directory = Files.createTempDirectory("s3-server");
            int port = freePort();
            String accessKey = "test-" + UUID.randomUUID().toString().substring(0, 8);
            String secretKey = UUID.randomUUID().toString();
            Properties configuration = new Properties();
            configuration.setProperty("s3proxy.endpoint", "http://" + HOST + ":" + port);
            configuration.setProperty("s3proxy.authorization", "aws-v2-or-v4");
            configuration.setProperty("s3proxy.identity", accessKey);
            configuration.setProperty("s3proxy.credential", secretKey);
            configuration.setProperty("jclouds.provider", "transient-nio2");
            configuration.setProperty("jclouds.identity", accessKey);
            configuration.setProperty("jclouds.credential", secretKey);
            Path properties = directory.resolve("s3proxy.properties");
            try (var out = Files.newOutputStream(properties)) {
                configuration.store(out, "The tests' S3 server");
            }
            Path log = directory.resolve("s3proxy.log");
            List<String> command = new ArrayList<>(List.of(
                    Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-Xmx256m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-Xshare:auto",
                    "-cp", jar + File.pathSeparator + ownCodeSource(),
                    S3ServerProcess.class.getName(), "--properties", properties.toString()));
            Process process = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(log.toFile())
                    .start();
            S3Server server = new S3Server(process, port, accessKey, secretKey);
            Runtime.getRuntime().addShutdownHook(new Thread(server::stop, "s3-server-stop"));
            server.awaitAnswer(log);
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException("Could not start the S3 server", e);
        }
    }

    /** Where clients send their requests (path-style: the bucket is the first segment of the path). */
    public URI endpoint() {
        return URI.create("http://" + HOST + ":" + port);
    }

    /** The region clients sign for; the server accepts any. */
    public String region() {
        return REGION;
    }

    /** The access key id the server accepts, with {@link #secretKey()}; anything else is refused (403). */
    public String accessKey() {
        return accessKey;
    }

    public String secretKey() {
        return secretKey;
    }

    public String description() {
        return "s3proxy (in-memory store) at " + endpoint();
    }

    private void stop() {
        process.destroy();
    }

    private void awaitAnswer(Path log) {
        long deadline = System.nanoTime() + STARTUP.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("The S3 server ended at start (exit " + process.exitValue() + "):\n"
                        + tail(log));
            }
            if (answers()) {
                return;
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("Interrupted while the S3 server started", e);
            }
        }
        process.destroy();
        throw new IllegalStateException("The S3 server did not answer within " + STARTUP + ":\n" + tail(log));
    }

    /** Any HTTP answer counts: an unsigned request is refused, which shows the server is there. */
    private boolean answers() {
        try {
            HttpURLConnection connection = (HttpURLConnection) endpoint().toURL().openConnection();
            connection.setConnectTimeout(1000);
            connection.setReadTimeout(1000);
            int status = connection.getResponseCode();
            try (InputStream body = status < 400 ? connection.getInputStream() : connection.getErrorStream()) {
                if (body != null) {
                    body.readAllBytes();
                }
            }
            return status > 0;
        } catch (IOException notYet) {
            return false;
        }
    }

    private static Path s3proxyJar() {
        Properties located = new Properties();
        try (InputStream in = S3Server.class.getResourceAsStream("s3-server.properties")) {
            if (in == null) {
                throw new IllegalStateException("s3-server.properties is missing from test-kit");
            }
            located.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Path jar = Path.of(located.getProperty("jar"));
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException("The S3 server's jar is not at " + jar
                    + ": build test-kit once (./mvnw -pl libs/test-kit -am verify), which resolves it");
        }
        return jar;
    }

    private static String ownCodeSource() {
        try {
            return Path.of(S3Server.class.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName(HOST))) {
            return socket.getLocalPort();
        }
    }

    private static String tail(Path log) {
        try {
            List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }
}
