package org.iecmh.endorsement.local;

import com.icegreen.greenmail.user.MessageDeliveryHandler;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.internet.MimeMessage;
import org.awaitility.core.ConditionTimeoutException;
import org.iecmh.endorsement.testkit.LocalIssuer;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;

import static org.awaitility.Awaitility.await;

/**
 * The platform as the fault-injection test runs it, each part a process or server it can stop: PostgreSQL (a server
 * process with its data in {@code target/faults/postgres}, crashed and started again on the same port and data), the
 * Kafka broker (in this JVM, stopped and started again on the same port and log), the five services in a JVM of their
 * own ({@code java -jar local.jar services}, killed with SIGKILL and started again), and the gateway in another.
 * Beside them, up throughout: the token issuer, the SMTP server the services mail to, and the stand-in card processor.
 */
final class PlatformUnderFaults implements AutoCloseable {

    /** Prefix of the platform's Kafka topics and consumer groups. */
    static final String PREFIX = "faults.";
    private static final Duration START = Duration.ofSeconds(180);

    private final Path data;
    private final int postgresPort = freePort();
    private final int kafkaPort = freePort();
    private final int kafkaControllerPort = freePort();
    private final int gatewayPort = freePort();
    private final Map<String, Integer> servicePorts = new LinkedHashMap<>();
    private final GreenMail smtp;
    private final Map<String, List<MimeMessage>> mailbox = new ConcurrentHashMap<>();
    private final CardProcessorStandIn cards;
    private final Path localJar;
    private volatile LocalPostgres postgres;
    private volatile LocalKafka kafka;
    private volatile LocalJvm gateway;
    private volatile LocalJvm services;
    /** The processor time of the services' JVMs killed so far, and of the PostgreSQL servers crashed so far. */
    private volatile Duration servicesCpuBefore = Duration.ZERO;
    private volatile Duration postgresCpuBefore = Duration.ZERO;

    private PlatformUnderFaults(Path data, Path localJar) {
        this.data = data;
        this.localJar = localJar;
        Platform.serviceNames().forEach(name -> servicePorts.put(name, freePort()));
        this.smtp = new GreenMail(new ServerSetup(freePort(), "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        MessageDeliveryHandler delivery = smtp.getUserManager().getMessageDeliveryHandler();
        smtp.getUserManager().setMessageDeliveryHandler((message, recipient) -> {
            mailbox.computeIfAbsent(recipient.getEmail().toLowerCase(java.util.Locale.ROOT),
                    address -> new CopyOnWriteArrayList<>()).add(message.getMessage());
            return delivery.handle(message, recipient);
        });
        this.cards = CardProcessorStandIn.start(0, gatewayUrl() + "/api/payments/card-webhooks");
    }

    /**
     * Starts every part from empty: PostgreSQL, Kafka and the SMTP server, then the gateway and the services. The data
     * and logs of the run before are kept beside, in {@code <data>-before}, to look into.
     */
    static PlatformUnderFaults start(Path data, Path localJar, Path gatewayJar) {
        quietAboutConnectionsCutByAKill();
        Path before = data.resolveSibling(data.getFileName() + "-before");
        delete(before);
        if (Files.exists(data)) {
            try {
                Files.move(data, before);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        PlatformUnderFaults platform = new PlatformUnderFaults(data, localJar);
        platform.smtp.start();
        // A commit is durable when it is answered, as on a production server: the embedded server's asynchronous
        // commit would lose the last ones to a crash.
        platform.postgres = LocalPostgres.start(data.resolve("postgres"), platform.postgresPort,
                Platform.databases(), Map.of("synchronous_commit", "on"));
        platform.kafka = LocalKafka.start(data.resolve("kafka"), platform.kafkaPort, platform.kafkaControllerPort);
        List<String> gatewayArguments = new ArrayList<>(platform.cards.gatewayArguments());
        // Every client of the test calls from 127.0.0.1, which the gateway would count as one client.
        gatewayArguments.add("--iecmh.gateway.public-requests-per-minute=1000000");
        CompletableFuture<LocalJvm> gateway = CompletableFuture.supplyAsync(() -> LocalJvm.start("gateway",
                gatewayJar, platform.gatewayPort, Platform.gatewayArguments(LocalIssuer.instance().issuerUri(),
                        platform.ports(), gatewayArguments), data.resolve("logs/gateway.log"), START));
        platform.startServices();
        platform.gateway = gateway.join();
        return platform;
    }

    String gatewayUrl() {
        return "http://localhost:" + gatewayPort;
    }

    CardProcessorStandIn cards() {
        return cards;
    }

    /** Every message the SMTP server received for {@code address} so far, oldest first. */
    List<MimeMessage> mailTo(String address) {
        return mailbox.getOrDefault(address.toLowerCase(java.util.Locale.ROOT), List.of());
    }

    /** A service's database, as the test reads it to count. */
    JdbcTemplate database(String name) {
        return new JdbcTemplate(new DriverManagerDataSource("jdbc:postgresql://localhost:" + postgresPort + "/" + name,
                "postgres", "postgres"));
    }

    /**
     * Kills the services' JVM with SIGKILL (nothing in flight finishes, no shutdown hook runs) and starts it again, as
     * a supervisor would.
     */
    void crashServices() {
        Duration used = services.cpu();
        services.kill();
        servicesCpuBefore = servicesCpuBefore.plus(used);
        startServices();
    }

    /** Starts the services' JVM and returns once every service is ready and knows the associations. */
    void startServices() {
        Path ready = data.resolve("services.ready");
        try {
            Files.deleteIfExists(ready);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<String> arguments = new ArrayList<>(List.of("services",
                "--postgres=localhost:" + postgresPort,
                "--kafka=localhost:" + kafkaPort,
                "--kafka-prefix=" + PREFIX,
                "--issuer=" + LocalIssuer.instance().issuerUri(),
                "--gateway-port=" + gatewayPort,
                "--ports=" + String.join(",", servicePorts.values().stream().map(String::valueOf).toList()),
                "--ready-file=" + ready,
                "--",
                "--spring.mail.host=127.0.0.1",
                "--spring.mail.port=" + smtp.getSmtp().getPort(),
                "--iecmh.mail.deliver-every=PT0.5S",
                // A mail claimed by a JVM that was killed waits for its claim to run out before another sends it.
                "--iecmh.mail.claim-for=PT30S",
                // Each service's own answer to each request, by the gateway's request id, to tell whose a fault was.
                "--server.tomcat.accesslog.enabled=true",
                "--server.tomcat.accesslog.directory=" + data.resolve("logs").toAbsolutePath(),
                "--server.tomcat.accesslog.prefix=${spring.application.name}",
                "--server.tomcat.accesslog.pattern=%t %{X-Request-Id}i %r %s %D"));
        arguments.addAll(cards.paymentServiceArguments());
        services = LocalJvm.start("services", localJar, arguments, List.copyOf(servicePorts.values()),
                data.resolve("logs/services.log"), START);
        await("the services, ready with the associations").atMost(START).until(() -> Files.exists(ready));
    }

    /** Stops the Kafka broker (a controlled shutdown), then starts it again on the same port and log. */
    void restartKafka() {
        kafka.close();
        kafka = LocalKafka.start(data.resolve("kafka"), kafkaPort, kafkaControllerPort);
    }

    /**
     * Crashes PostgreSQL (an immediate shutdown), keeps it down until the clients have felt it (a request of theirs was
     * answered with an error, or not at all, since) or for at most half a minute, and starts it again on the same port
     * and data.
     */
    void crashPostgres() {
        long before = PatientClient.RETRIES.get();
        postgresCpuBefore = postgresCpuBefore.plus(postgres.cpu());
        postgres.crashAndRestart(() -> {
            try {
                await("a client to feel the database gone").atMost(Duration.ofSeconds(30))
                        .until(() -> PatientClient.RETRIES.get() > before);
            } catch (ConditionTimeoutException noClientAsked) {
                // Down long enough: no client happened to ask meanwhile.
            }
        });
    }

    /** The processor time each part used so far: the services' JVMs, the gateway, PostgreSQL, and this JVM. */
    String cpu() {
        return String.format("services %.0f s, gateway %.0f s, PostgreSQL %.0f s, the test's JVM (Kafka, SMTP, the "
                        + "clients) %.0f s", seconds(servicesCpuBefore.plus(services.cpu())), seconds(gateway.cpu()),
                seconds(postgresCpuBefore.plus(postgres.cpu())),
                seconds(ProcessHandle.current().info().totalCpuDuration().orElse(Duration.ZERO)));
    }

    private static double seconds(Duration duration) {
        return duration.toMillis() / 1e3;
    }

    private Platform.Ports ports() {
        return new Platform.Ports(gatewayPort, servicePorts);
    }

    @Override
    public void close() {
        if (gateway != null) {
            gateway.close();
        }
        if (services != null) {
            services.close();
        }
        cards.close();
        if (kafka != null) {
            kafka.close();
        }
        try {
            if (postgres != null) {
                postgres.close();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        smtp.stop();
    }

    /**
     * The SMTP server's thread for a connection ends with an exception when the JVM at the other end is killed; one line
     * says so, rather than its stack trace.
     */
    private static void quietAboutConnectionsCutByAKill() {
        Thread.UncaughtExceptionHandler otherwise = Thread.getDefaultUncaughtExceptionHandler();
        Thread.setDefaultUncaughtExceptionHandler((thread, e) -> {
            if (thread.getName().startsWith("smtp:") && e.getCause() instanceof java.net.SocketException) {
                System.out.println("[faults] SMTP connection cut: " + thread.getName());
            } else if (otherwise != null) {
                otherwise.uncaughtException(thread, e);
            } else {
                thread.getThreadGroup().uncaughtException(thread, e);
            }
        });
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void delete(Path directory) {
        if (!Files.exists(directory)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(directory)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
