package org.iecmh.endorsement.local;

import org.iecmh.endorsement.application.ApplicationServiceApplication;
import org.iecmh.endorsement.association.AssociationServiceApplication;
import org.iecmh.endorsement.payment.PaymentServiceApplication;
import org.iecmh.endorsement.registry.RegistryServiceApplication;
import org.iecmh.endorsement.renewal.RenewalServiceApplication;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The five services in this JVM, each a Spring Boot application of its own on its own port and database, and the
 * gateway in front of them. Used by the local platform and by the end-to-end test alike.
 */
public final class Platform implements AutoCloseable {

    /** A service, the database it owns, whether it keeps files (evidence) and how to build it. */
    record Service(String name, String database, boolean keepsFiles, Supplier<SpringApplication> application) {
    }

    static final List<Service> SERVICES = List.of(
            new Service(ApplicationServiceApplication.NAME, "application", true,
                    ApplicationServiceApplication::application),
            new Service(RenewalServiceApplication.NAME, "renewal", true, RenewalServiceApplication::application),
            new Service(PaymentServiceApplication.NAME, "payment", false, PaymentServiceApplication::application),
            new Service(RegistryServiceApplication.NAME, "registry", false, RegistryServiceApplication::application),
            new Service(AssociationServiceApplication.NAME, "association", false,
                    AssociationServiceApplication::application));

    /**
     * Where the services find PostgreSQL and Kafka, the issuer whose tokens the gateway and services accept, and the
     * S3-compatible store the services that keep files use ({@code null}: none, and their attachments answer that
     * files are not kept here).
     */
    public record Infrastructure(Function<String, String> jdbcUrlOfDatabase, String username, String password,
                                 String kafkaBootstrapServers, String kafkaPrefix, String issuerUri,
                                 ObjectStore files) {
    }

    /**
     * An S3-compatible server: each service that keeps files has a bucket of its own there, {@code bucketPrefix}
     * followed by its database's name, which it creates at start; files are sealed under {@code masterKey} (32 bytes
     * in base64), version 1.
     */
    public record ObjectStore(String endpoint, String accessKey, String secretKey, String bucketPrefix,
                              String masterKey) {

        List<String> arguments(String database) {
            return List.of(
                    "--iecmh.files.bucket=" + bucketPrefix + database,
                    "--iecmh.files.endpoint=" + endpoint,
                    "--iecmh.files.access-key=" + accessKey,
                    "--iecmh.files.secret-key=" + secretKey,
                    "--iecmh.files.path-style-access=true",
                    "--iecmh.files.master-keys.1=" + masterKey);
        }

        /** Without the secrets. */
        @Override
        public String toString() {
            return "ObjectStore[endpoint=" + endpoint + ", buckets=" + bucketPrefix + "*]";
        }
    }

    /** The ports: the gateway's, and each service's by name. */
    public record Ports(int gateway, Map<String, Integer> services) {
    }

    private static final String ISSUER_URI = "--spring.security.oauth2.resourceserver.jwt.issuer-uri=";

    private final Map<String, ConfigurableApplicationContext> services;
    private final LocalJvm gateway;
    private final Ports ports;

    private Platform(Map<String, ConfigurableApplicationContext> services, LocalJvm gateway, Ports ports) {
        this.services = services;
        this.gateway = gateway;
        this.ports = ports;
    }

    /** The gateway's own database: the public rate limit's counts, shared by every gateway instance. */
    static final String GATEWAY_DATABASE = "gateway";

    public static List<String> databases() {
        List<String> databases = new ArrayList<>(SERVICES.stream().map(Service::database).toList());
        databases.add(GATEWAY_DATABASE);
        return List.copyOf(databases);
    }

    public static List<String> serviceNames() {
        return SERVICES.stream().map(Service::name).toList();
    }

    /**
     * Starts the gateway's JVM and the five services side by side, and returns when all of them are ready and know the
     * seed's associations.
     */
    public static Platform start(Infrastructure infrastructure, Ports ports, Path gatewayJar, Path logDirectory,
                                 List<String> extraArguments, List<String> extraGatewayArguments) {
        List<String> gatewayArguments = new ArrayList<>(List.of(
                "--iecmh.gateway.shared-counts.url=" + infrastructure.jdbcUrlOfDatabase().apply(GATEWAY_DATABASE),
                "--iecmh.gateway.shared-counts.username=" + infrastructure.username(),
                "--iecmh.gateway.shared-counts.password=" + infrastructure.password()));
        gatewayArguments.addAll(extraGatewayArguments);
        CompletableFuture<LocalJvm> gateway = CompletableFuture.supplyAsync(() -> LocalJvm.start("gateway",
                gatewayJar, ports.gateway(), gatewayArguments(infrastructure.issuerUri(), ports, gatewayArguments),
                logDirectory.resolve("gateway.log"), Duration.ofSeconds(120)));
        try {
            Map<String, ConfigurableApplicationContext> running = startContexts(infrastructure, ports, extraArguments);
            return new Platform(running, gateway.join(), ports);
        } catch (RuntimeException failed) {
            gateway.thenAccept(LocalJvm::close);
            throw failed;
        }
    }

    /**
     * Starts the five services alone, in this JVM, without a gateway (one runs elsewhere, routing to
     * {@code ports}), and returns when all of them are ready and know the seed's associations.
     */
    public static Platform startServices(Infrastructure infrastructure, Ports ports, List<String> extraArguments) {
        return new Platform(startContexts(infrastructure, ports, extraArguments), null, ports);
    }

    /** What the gateway needs to check tokens and find each service. */
    static List<String> gatewayArguments(String issuerUri, Ports ports, List<String> extraGatewayArguments) {
        List<String> arguments = new ArrayList<>(List.of(ISSUER_URI + issuerUri));
        SERVICES.forEach(s -> arguments.add("--iecmh.routes." + s.name() + "=http://localhost:"
                + ports.services().get(s.name())));
        arguments.addAll(extraGatewayArguments);
        return arguments;
    }

    private static Map<String, ConfigurableApplicationContext> startContexts(Infrastructure infrastructure, Ports ports,
                                                                             List<String> extraArguments) {
        // One JVM has one logging configuration: five applications starting at once must not each reinitialise it.
        System.setProperty("org.springframework.boot.logging.LoggingSystem", "none");
        Map<String, CompletableFuture<ConfigurableApplicationContext>> starting = new LinkedHashMap<>();
        for (Service service : SERVICES) {
            List<String> arguments = new ArrayList<>(List.of(
                    "--server.port=" + ports.services().get(service.name()),
                    "--spring.datasource.url=" + infrastructure.jdbcUrlOfDatabase().apply(service.database()),
                    "--spring.datasource.username=" + infrastructure.username(),
                    "--spring.datasource.password=" + infrastructure.password(),
                    "--spring.kafka.bootstrap-servers=" + infrastructure.kafkaBootstrapServers(),
                    "--spring.cloud.stream.kafka.binder.brokers=" + infrastructure.kafkaBootstrapServers(),
                    "--iecmh.kafka.prefix=" + infrastructure.kafkaPrefix(),
                    ISSUER_URI + infrastructure.issuerUri(),
                    // Badges name the registry by the URL people reach it at; locally, keys are made at start.
                    "--iecmh.badges.base-url=http://localhost:" + ports.gateway(),
                    "--iecmh.badges.generate-missing-keys=true",
                    // Raters, and everyone mailed, open the links they are mailed through the gateway.
                    "--iecmh.references.link-base=http://localhost:" + ports.gateway(),
                    "--iecmh.mail.link-base=http://localhost:" + ports.gateway(),
                    // The platform stops the services itself, before the broker and the database they use.
                    "--spring.main.register-shutdown-hook=false"));
            if (service.keepsFiles() && infrastructure.files() != null) {
                arguments.addAll(infrastructure.files().arguments(service.database()));
            }
            arguments.addAll(extraArguments);
            starting.put(service.name(), CompletableFuture.supplyAsync(
                    () -> service.application().get().run(arguments.toArray(String[]::new))));
        }

        Map<String, ConfigurableApplicationContext> running = new LinkedHashMap<>();
        try {
            for (var entry : starting.entrySet()) {
                running.put(entry.getKey(), entry.getValue().join());
            }
            SeededAssociations.awaitReceived(running.values());
            return running;
        } catch (RuntimeException failed) {
            running.values().forEach(ConfigurableApplicationContext::close);
            starting.values().forEach(f -> f.thenAccept(ConfigurableApplicationContext::close));
            throw failed;
        }
    }

    public String gatewayUrl() {
        return "http://localhost:" + ports.gateway();
    }

    public String serviceUrl(String name) {
        return "http://localhost:" + ports.services().get(name);
    }

    public ConfigurableApplicationContext service(String name) {
        return services.get(name);
    }

    /** Stops the gateway (where this platform started one), then the services in the reverse order of the list. */
    @Override
    public void close() {
        if (gateway != null) {
            gateway.close();
        }
        List<ConfigurableApplicationContext> contexts = new ArrayList<>(services.values());
        for (int i = contexts.size() - 1; i >= 0; i--) {
            contexts.get(i).close();
        }
    }
}
