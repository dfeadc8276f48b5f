package org.iecmh.endorsement.gateway;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
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

/**
 * The platform's real identity provider (the {@code identity} module's executable jar, Spring Authorization Server)
 * in a JVM of its own, started once for this test JVM and stopped with it: a servlet application does not share the
 * gateway's reactive classpath. It registers the gateway's callback at {@code gatewayPort}.
 */
final class IdentityProvider {

    private static final Path JAR = Path.of("../identity/target/identity-exec.jar");
    private static final Duration STARTING = Duration.ofSeconds(90);
    private static IdentityProvider instance;

    private final String issuer;
    private final int gatewayPort;

    private IdentityProvider(String issuer, int gatewayPort) {
        this.issuer = issuer;
        this.gatewayPort = gatewayPort;
    }

    static synchronized IdentityProvider instance() {
        if (instance == null) {
            instance = start(freePort(), freePort());
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
                throw new IllegalStateException("The identity provider stopped; see " + log.getAbsolutePath());
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
        throw new IllegalStateException("The identity provider did not start within " + STARTING + "; see "
                + log.getAbsolutePath());
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
