package org.iecmh.endorsement.testkit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.testcontainers.DockerClientFactory;

import java.util.function.Supplier;

/**
 * The one PostgreSQL server and the one Kafka broker of this test JVM, started on first use.
 * Containers where a Docker engine answers; otherwise embedded PostgreSQL binaries and an in-JVM KRaft broker.
 * The SMTP server ({@link #smtp()}) and the S3-compatible server ({@link #s3()}) run without Docker either way.
 * Set {@code -Diecmh.test.infrastructure=embedded} (or {@code containers}) to choose explicitly.
 */
public final class RealInfrastructure {

    private static final Logger log = LoggerFactory.getLogger(RealInfrastructure.class);
    static final String CHOICE_PROPERTY = "iecmh.test.infrastructure";

    private static PostgresServer postgres;
    private static KafkaBroker kafka;
    private static SmtpServer smtp;
    private static S3Server s3;
    private static Boolean containers;

    private RealInfrastructure() {
    }

    public static synchronized PostgresServer postgres() {
        if (postgres == null) {
            postgres = timed("PostgreSQL",
                    () -> useContainers() ? ContainerPostgresServer.start() : EmbeddedPostgresServer.start());
            log.info("Tests use {}", postgres.description());
        }
        return postgres;
    }

    public static synchronized KafkaBroker kafka() {
        if (kafka == null) {
            kafka = timed("Kafka", () -> useContainers() ? ContainerKafkaBroker.start() : EmbeddedKafkaBroker.start());
            log.info("Tests use {}", kafka.description());
        }
        return kafka;
    }

    /** The JVM's SMTP server, for services that send email; embedded either way, as it needs no Docker. */
    public static synchronized SmtpServer smtp() {
        if (smtp == null) {
            smtp = timed("SMTP", SmtpServer::listen);
            log.info("Tests use {}", smtp.description());
        }
        return smtp;
    }

    /** The JVM's S3-compatible server, for services that keep files; a child JVM either way, as it needs no Docker. */
    public static synchronized S3Server s3() {
        if (s3 == null) {
            s3 = timed("S3", S3Server::start);
            log.info("Tests use {}", s3.description());
        }
        return s3;
    }

    /** True where the parts run in Docker containers, false where they run embedded. */
    public static synchronized boolean useContainers() {
        if (containers == null) {
            String choice = System.getProperty(CHOICE_PROPERTY, "auto");
            containers = switch (choice) {
                case "containers" -> true;
                case "embedded" -> false;
                case "auto" -> DockerClientFactory.instance().isDockerAvailable();
                default -> throw new IllegalArgumentException(
                        CHOICE_PROPERTY + " must be auto, containers or embedded, not " + choice);
            };
        }
        return containers;
    }

    private static <T> T timed(String what, Supplier<T> start) {
        long started = System.nanoTime();
        T part = start.get();
        log.info("{} started in {} ms", what, (System.nanoTime() - started) / 1_000_000);
        return part;
    }
}
