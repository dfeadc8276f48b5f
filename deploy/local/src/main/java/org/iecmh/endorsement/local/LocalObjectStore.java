package org.iecmh.endorsement.local;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * The local platform's S3-compatible store of evidence files: s3proxy keeping its objects in a directory (so that they
 * stay between runs, as the database does), in a JVM of its own (its Jetty and Jackson are not the services'), on the
 * loopback address only. It checks every request's AWS signature; the access key and secret are made anew at each
 * start and given to the services. The master key that seals the files is made once, kept beside the objects
 * (readable by this user only), and goes with them on {@code --reset}.
 */
final class LocalObjectStore implements AutoCloseable {

    private static final String HOST = "127.0.0.1";
    private static final Duration STARTUP = Duration.ofSeconds(90);

    private final Process process;
    private final Platform.ObjectStore store;

    private LocalObjectStore(Process process, Platform.ObjectStore store) {
        this.process = process;
        this.store = store;
    }

    /** Starts s3proxy from {@code jar} on {@code port}, its objects in {@code data/objects}, its log in {@code log}. */
    static LocalObjectStore start(Path jar, Path data, int port, Path log) {
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException("No S3 server jar at " + jar.toAbsolutePath()
                    + ": build the platform first with ./mvnw package -DskipTests");
        }
        try {
            Path objects = Files.createDirectories(data.resolve("objects"));
            String masterKey = masterKey(data.resolve("master-key"));
            String endpoint = "http://" + HOST + ":" + port;
            String accessKey = "local";
            String secretKey = UUID.randomUUID().toString();
            Properties configuration = new Properties();
            configuration.setProperty("s3proxy.endpoint", endpoint);
            configuration.setProperty("s3proxy.authorization", "aws-v2-or-v4");
            configuration.setProperty("s3proxy.identity", accessKey);
            configuration.setProperty("s3proxy.credential", secretKey);
            configuration.setProperty("jclouds.provider", "filesystem-nio2");
            configuration.setProperty("jclouds.filesystem.basedir", objects.toString());
            configuration.setProperty("jclouds.identity", accessKey);
            configuration.setProperty("jclouds.credential", secretKey);
            Path properties = data.resolve("s3proxy.properties");
            Files.deleteIfExists(properties);
            Files.createFile(properties, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            try (var out = Files.newOutputStream(properties)) {
                configuration.store(out, "The local platform's S3 server (written at each start)");
            }
            Files.createDirectories(log.getParent());
            Process process = new ProcessBuilder(List.of(
                    ProcessHandle.current().info().command().orElse("java"),
                    "-Xmx256m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-Xshare:auto",
                    "-jar", jar.toString(), "--properties", properties.toString()))
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                    .start();
            LocalObjectStore started = new LocalObjectStore(process,
                    new Platform.ObjectStore(endpoint, accessKey, secretKey, "iecmh-", masterKey));
            started.awaitAnswer(endpoint, log);
            return started;
        } catch (IOException e) {
            throw new UncheckedIOException("Could not start the S3 server", e);
        }
    }

    /** What the services are told to find it by. */
    Platform.ObjectStore store() {
        return store;
    }

    private static String masterKey(Path file) throws IOException {
        if (Files.exists(file)) {
            return Files.readString(file).strip();
        }
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        String encoded = Base64.getEncoder().encodeToString(key);
        Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        Files.writeString(file, encoded + "\n");
        return encoded;
    }

    private void awaitAnswer(String endpoint, Path log) {
        long deadline = System.nanoTime() + STARTUP.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("The S3 server stopped while starting; see " + log);
            }
            if (answers(endpoint)) {
                return;
            }
            try {
                process.waitFor(100, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        close();
        throw new IllegalStateException("The S3 server did not answer within " + STARTUP.toSeconds() + " s; see "
                + log);
    }

    /** Any HTTP answer counts: an unsigned request is refused, which shows the server is there. */
    private static boolean answers(String endpoint) {
        try {
            HttpURLConnection connection = (HttpURLConnection) URI.create(endpoint).toURL().openConnection();
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

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }
}
