package org.iecmh.endorsement.local;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Runs the whole platform on this machine: embedded PostgreSQL and a Kafka broker keeping their data in
 * {@code .local-data/} between runs, an S3-compatible server keeping the evidence files there too, the local identity
 * provider, the five services and the gateway.
 * {@code --reset} starts from empty. {@code --clock <instant>} starts every service at that instant and lets time
 * run from there (a rehearsal of renewal windows, reminders, grace and lapse; tokens keep the real time).
 * {@code --durable} makes PostgreSQL flush each commit to disk, as in production. Ctrl-C
 * stops everything cleanly. {@code services ...} starts the five services alone instead (see {@link LocalServices}).
 */
public final class LocalPlatform {

    static final int GATEWAY_PORT = 8080;
    static final int IDENTITY_PORT = 9000;
    static final int POSTGRES_PORT = 15432;
    static final int KAFKA_PORT = 19092;
    static final int KAFKA_CONTROLLER_PORT = 19093;
    static final int SMTP_PORT = 13025;
    static final int MAILBOX_PORT = 13180;
    static final int CARD_PROCESSOR_PORT = 14242;
    static final int S3_PORT = 13900;
    static final Map<String, Integer> SERVICE_PORTS = Map.of(
            "application-service", 8081, "renewal-service", 8082, "payment-service", 8083, "registry-service", 8084,
            "association-service", 8085);

    private LocalPlatform() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length > 0 && args[0].equals("services")) {
            LocalServices.main(List.of(args).subList(1, args.length));
            return;
        }
        long started = System.nanoTime();
        List<String> arguments = List.of(args);
        Path data = Path.of(System.getProperty("iecmh.local.data", ".local-data")).toAbsolutePath();
        Path gatewayJar = Path.of(System.getProperty("iecmh.local.gateway-jar", "gateway/target/gateway-exec.jar"));
        Path identityJar = Path.of(System.getProperty("iecmh.local.identity-jar", "identity/target/identity-exec.jar"));
        Path s3ServerJar = Path.of(System.getProperty("iecmh.local.s3-server-jar",
                "deploy/local/target/s3-server/s3proxy.jar"));
        if (arguments.contains("--reset")) {
            say("Removing " + data);
            delete(data);
        }

        // Registered before anything starts: a start that fails or is interrupted stops what it had started.
        StartedParts parts = new StartedParts(LocalPlatform::say);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            long stopping = System.nanoTime();
            parts.stopAll();
            // A child JVM still on its way up when the stop came (the identity provider, the gateway) is not a part yet.
            ProcessHandle.current().descendants().filter(ProcessHandle::isAlive).forEach(child -> {
                say("Stopping process " + child.pid() + " (" + child.info().command().orElse("?") + "), still starting");
                child.destroy();
            });
            say(String.format("Stopped in %.1f s", (System.nanoTime() - stopping) / 1e9));
        }, "local-platform-stop"));

        say("Starting PostgreSQL on port " + POSTGRES_PORT + " (data in " + data.resolve("postgres") + ")");
        LocalPostgres postgres = LocalPostgres.start(data.resolve("postgres"), POSTGRES_PORT, Platform.databases(),
                postgresSettings(arguments));
        parts.started("PostgreSQL", postgres::close);
        say("Starting Kafka on port " + KAFKA_PORT + " (data in " + data.resolve("kafka") + ")");
        LocalKafka kafka = LocalKafka.start(data.resolve("kafka"), KAFKA_PORT, KAFKA_CONTROLLER_PORT);
        parts.started("Kafka", kafka::close);
        say("Starting an S3-compatible server on port " + S3_PORT + " for evidence files (data in "
                + data.resolve("files") + ")");
        LocalObjectStore files = LocalObjectStore.start(s3ServerJar, data.resolve("files"), S3_PORT,
                data.resolve("logs").resolve("s3-server.log"));
        parts.started("the S3 server", files::close);
        // Email goes to a real SMTP server in this JVM, which keeps messages in memory only; anyone reads a recipient's
        // mail over HTTP (LocalMailbox). No IMAP: GreenMail's spins a thread on a connection its client half-closes.
        say("Starting an SMTP server on port " + SMTP_PORT + " (read the mail at http://127.0.0.1:" + MAILBOX_PORT
                + "/mail/<address>)");
        GreenMail mail = new GreenMail(new ServerSetup(SMTP_PORT, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        mail.start();
        parts.started("the SMTP server", mail::stop);
        LocalMailbox mailbox = LocalMailbox.start(mail, MAILBOX_PORT);
        parts.started("the mailbox", mailbox::close);
        String issuer = "http://localhost:" + IDENTITY_PORT;
        say("Starting the identity provider on " + issuer);
        LocalJvm identity = LocalJvm.start("identity provider", identityJar, IDENTITY_PORT, List.of(),
                data.resolve("logs").resolve("identity.log"), Duration.ofSeconds(120));
        parts.started("the identity provider", identity::close);
        // Card payments go to a stand-in of Stripe in test mode (card 4242 4242 4242 4242), which reports them to
        // the gateway's webhook as Stripe would.
        say("Starting the stand-in card processor on port " + CARD_PROCESSOR_PORT);
        CardProcessorStandIn cards = CardProcessorStandIn.start(CARD_PROCESSOR_PORT,
                "http://localhost:" + GATEWAY_PORT + "/api/payments/card-webhooks");
        parts.started("the stand-in card processor", cards::close);
        say("Starting " + String.join(", ", Platform.serviceNames()) + " and the gateway");
        List<String> serviceArguments = new ArrayList<>(List.of("--spring.mail.host=127.0.0.1",
                "--spring.mail.port=" + SMTP_PORT));
        serviceArguments.addAll(cards.paymentServiceArguments());
        serviceArguments.addAll(rehearsalArguments(arguments));
        Platform platform = Platform.start(
                new Platform.Infrastructure(postgres::jdbcUrl, "postgres", "postgres", kafka.bootstrapServers(), "",
                        issuer, files.store()),
                new Platform.Ports(GATEWAY_PORT, new LinkedHashMap<>(SERVICE_PORTS)), gatewayJar, data.resolve("logs"),
                serviceArguments, cards.gatewayArguments());
        parts.started("the gateway and the services", platform::close);

        say(String.format("Ready in %.1f s", (System.nanoTime() - started) / 1e9));
        System.out.println(welcome(platform.gatewayUrl()));
        Thread.currentThread().join();
    }

    /**
     * {@code --durable}: PostgreSQL flushes every commit to disk before answering it, as a production server does
     * (the benchmark measures on it); otherwise it runs as the embedded server does, with {@code fsync} and
     * {@code synchronous_commit} off, quicker on a development machine and losing the last commits if the machine
     * (not only the platform) stops without warning.
     */
    static Map<String, String> postgresSettings(List<String> arguments) {
        if (!arguments.contains("--durable")) {
            return Map.of();
        }
        say("PostgreSQL flushes every commit to disk (--durable)");
        return Map.of("fsync", "on", "synchronous_commit", "on", "full_page_writes", "on");
    }

    /**
     * {@code --clock <instant>}: every service starts at that instant and time runs on from it; the renewal schedule
     * then looks for due steps every ten seconds instead of every five minutes, so a rehearsal need not wait.
     */
    static List<String> rehearsalArguments(List<String> arguments) {
        int at = arguments.indexOf("--clock");
        if (at < 0) {
            return List.of();
        }
        if (at + 1 >= arguments.size()) {
            throw new IllegalArgumentException("--clock needs an instant, such as --clock 2027-09-30T23:55:00Z");
        }
        String instant = arguments.get(at + 1);
        try {
            java.time.Instant.parse(instant);
        } catch (java.time.format.DateTimeParseException e) {
            throw new IllegalArgumentException("--clock needs an instant, such as 2027-09-30T23:55:00Z; was " + instant);
        }
        say("Every service starts at " + instant + " and time runs on from there");
        // Set at the moment it was asked for, so that every service, however long it takes to start, reads the same time.
        return List.of("--iecmh.clock.start=" + instant, "--iecmh.clock.set-at=" + java.time.Instant.now(),
                "--iecmh.schedule.sweep-every=PT10S");
    }

    static String welcome(String gateway) {
        return """

                The IECMH Endorsement platform runs at %1$s
                  web application: %1$s/ (the registry, and signed in: the applicant's portal, the coordinators'
                  and reviewers' console, the audit; cards are paid with Stripe's test card 4242 4242 4242 4242 at a
                  stand-in card processor on :%4$d)
                  application-service :8081   renewal-service :8082   payment-service :8083   registry-service :8084
                  association-service :8085 (the associations' records: curl -s %1$s/api/associations)
                  identity provider :9000 (demo users applicant-ma, coordinator-ma, reviewer-ma, reviewer2-ma,
                  scorer-ma, scorer2-ma, auditor-ma, admin-ma, the same for wa, and operator; password demo)
                  logs: .local-data/logs/
                  evidence files: an S3-compatible server on 127.0.0.1:%5$d (buckets iecmh-application and
                  iecmh-renewal, objects sealed under a key kept in .local-data/files/master-key)
                  email (every notice the services send): SMTP 127.0.0.1:%2$d; read a recipient's mail with
                  curl -s http://127.0.0.1:%3$d/mail/zoe@example.org

                Sign in and call the API with the token. Try:

                  TOKEN=$(deploy/local/token applicant-ma)
                  curl -s -X POST %1$s/api/applications -H 'Content-Type: application/json' \\
                       -H "Authorization: Bearer $TOKEN" -H 'X-Tenant-Id: ma' \\
                       -d '{"applicantName": "Zoë Example", "category": "IFA", "contactEmail": "zoe@example.org",
                            "stateOfResidence": "MA"}'

                  curl -s '%1$s/api/registry/endorsees?name=zoe'

                The README walks the whole path: submit, pay, approve, find in the registry, read the history.
                Press Ctrl-C to stop.
                """.formatted(gateway, SMTP_PORT, MAILBOX_PORT, CARD_PROCESSOR_PORT, S3_PORT);
    }

    private static void say(String message) {
        System.out.println("[local] " + message);
    }

    private static void delete(Path directory) throws IOException {
        if (!Files.exists(directory)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(directory)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }
}
