package org.iecmh.endorsement.gateway;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The platform's real identity provider (the {@code identity} module's executable jar, Spring Authorization Server)
 * in a JVM of its own, started once for this test JVM and stopped with it: a servlet application does not share the
 * gateway's reactive classpath. It registers the gateway's callback at {@code gatewayPort}.
 */
final class IdentityProvider {

    private static final Path JAR = Path.of("../identity/target/identity-exec.jar");
    private static final Duration STARTING = Duration.ofSeconds(90);
    private static final int ATTEMPTS = 2;
    /**
     * Ports are chosen below Linux's ephemeral range (32768-60999), which the kernel hands out to every {@code bind(0)}
     * and outgoing connection: a port chosen there and released could be taken by any of them before the provider or
     * the gateway (whose port is fixed in advance, as the provider's callback names it) binds it.
     */
    private static final int LOWEST_PORT = 20_000;
    private static final int PORTS = 12_000;
    private static IdentityProvider instance;

    private final String issuer;
    private final int gatewayPort;

    private IdentityProvider(String issuer, int gatewayPort) {
        this.issuer = issuer;
        this.gatewayPort = gatewayPort;
    }

    static synchronized IdentityProvider instance() {
        if (instance == null) {
            int port = freePort(-1);
            IllegalStateException failed = null;
            for (int attempt = 0; attempt < ATTEMPTS && instance == null; attempt++) {
                try {
                    instance = start(port, freePort(port));
                } catch (IllegalStateException e) {
                    // Another process took a port between its choice and the provider's bind: new ports, once more.
                    failed = failed == null ? e : failed;
                    port = freePort(-1);
                }
            }
            if (instance == null) {
                throw failed;
            }
        }
        return instance;
    }

    String issuer() {
        return issuer;
    }

    /** The port the gateway under test must listen on: the provider sends browsers back there. */
    int gatewayPort() {
        return gatewayPort;
    }

    private static IdentityProvider start(int port, int gatewayPort) {
        if (!Files.isRegularFile(JAR)) {
            throw new IllegalStateException(JAR.toAbsolutePath() + " is missing: build the identity module first");
        }
        try {
            Path log = Files.createDirectories(Path.of("target")).resolve("identity-provider.log");
            Process process = new ProcessBuilder(List.of(
                    Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-XX:TieredStopAtLevel=1",
                    "-jar", JAR.toAbsolutePath().toString(), "--server.port=" + port,
                    "--iecmh.identity.gateway-redirect-uris=http://localhost:" + gatewayPort
                            + "/login/oauth2/code/identity"))
                    .redirectErrorStream(true).redirectOutput(log.toFile()).start();
            Runtime.getRuntime().addShutdownHook(new Thread(process::destroy, "identity-provider-stop"));
            String issuer = "http://localhost:" + port;
            awaitDiscovery(issuer, process, log.toFile());
            return new IdentityProvider(issuer, gatewayPort);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void awaitDiscovery(String issuer, Process process, File log) {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        Instant until = Instant.now().plus(STARTING);
        while (Instant.now().isBefore(until)) {
            if (!process.isAlive()) {
                throw new IllegalStateException("The identity provider stopped; " + tail(log));
            }
            try {
                HttpResponse<Void> answer = http.send(HttpRequest.newBuilder(
                                URI.create(issuer + "/.well-known/openid-configuration")).timeout(Duration.ofSeconds(2))
                        .build(), HttpResponse.BodyHandlers.discarding());
                if (answer.statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // Not listening yet: asked again below, within the bound.
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            process.onExit().completeOnTimeout(null, 200, java.util.concurrent.TimeUnit.MILLISECONDS).join();
        }
        process.destroy();
        throw new IllegalStateException("The identity provider did not start within " + STARTING + "; "
                + tail(log));
    }

    /** The end of the provider's log, so that a failed start says why in the test's own report. */
    private static String tail(File log) {
        try {
            List<String> lines = Files.readAllLines(log.toPath());
            return "the end of " + log.getAbsolutePath() + ":\n"
                    + String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
        } catch (IOException e) {
            return "see " + log.getAbsolutePath();
        }
    }

    /** A port no one listens on, outside the ephemeral range, other than {@code taken}. */
    private static int freePort(int taken) {
        for (int tried = 0; tried < 100; tried++) {
            int port = LOWEST_PORT + ThreadLocalRandom.current().nextInt(PORTS);
            if (port == taken) {
                continue;
            }
            try (ServerSocket socket = new ServerSocket()) {
                socket.bind(new InetSocketAddress(port));
                return port;
            } catch (IOException inUse) {
                // Someone listens there: another port.
            }
        }
        throw new IllegalStateException("No free port between " + LOWEST_PORT + " and " + (LOWEST_PORT + PORTS));
    }
}
