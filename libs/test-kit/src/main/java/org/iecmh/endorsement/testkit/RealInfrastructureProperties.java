package org.iecmh.endorsement.testkit;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The Spring properties that connect a service to the JVM's real PostgreSQL server, Kafka broker, token issuer and
 * S3-compatible server.
 */
public final class RealInfrastructureProperties {

    /** Prefix of every topic and consumer group name (service-kit's {@code iecmh.kafka.prefix}). */
    public static final String KAFKA_PREFIX = "iecmh.kafka.prefix";
    /** Where a resource server finds the issuer's discovery document and keys. */
    public static final String ISSUER_URI = "spring.security.oauth2.resourceserver.jwt.issuer-uri";
    /** The bucket service-kit's file store keeps files in; its file store exists only where this is set. */
    public static final String FILES_BUCKET = "iecmh.files.bucket";

    private static final AtomicInteger buckets = new AtomicInteger();
    /** One master key for the JVM's tests, as a deployment has one secret; made afresh for each test JVM. */
    private static final String MASTER_KEY = randomKey();

    private RealInfrastructureProperties() {
    }

    /** A fresh database for one test, and a Kafka prefix of its own so it reads no other test's messages. */
    public static Map<String, Object> forIsolatedTest(String hint) {
        String database = RealInfrastructure.postgres().createDatabase(hint);
        Map<String, Object> properties = new HashMap<>(forDatabase(database));
        properties.putAll(forKafka(database + "."));
        properties.putAll(forIssuer());
        return properties;
    }

    /** The JVM's {@link LocalIssuer} as the issuer whose tokens a service accepts. */
    public static Map<String, Object> forIssuer() {
        return Map.of(ISSUER_URI, LocalIssuer.instance().issuerUri());
    }

    /** DataSource properties for an existing database on the JVM's PostgreSQL server. */
    public static Map<String, Object> forDatabase(String database) {
        PostgresServer postgres = RealInfrastructure.postgres();
        return Map.of(
                "spring.datasource.url", postgres.jdbcUrl(database),
                "spring.datasource.username", postgres.username(),
                "spring.datasource.password", postgres.password());
    }

    /** Kafka client properties for the JVM's broker, with topic and consumer group names under the given prefix. */
    public static Map<String, Object> forKafka(String prefix) {
        String brokers = RealInfrastructure.kafka().bootstrapServers();
        return Map.of(
                "spring.kafka.bootstrap-servers", brokers,
                "spring.cloud.stream.kafka.binder.brokers", brokers,
                KAFKA_PREFIX, prefix);
    }

    /**
     * service-kit's file store ({@code iecmh.files.*}) on the JVM's S3 server, in a bucket of its own named after the
     * hint (created by the store at start), with this JVM's master key as version 1.
     */
    public static Map<String, Object> forFiles(String hint) {
        S3Server s3 = RealInfrastructure.s3();
        Map<String, Object> properties = new HashMap<>();
        properties.put("iecmh.files.endpoint", s3.endpoint().toString());
        properties.put("iecmh.files.region", s3.region());
        properties.put("iecmh.files.access-key", s3.accessKey());
        properties.put("iecmh.files.secret-key", s3.secretKey());
        properties.put("iecmh.files.path-style-access", "true");
        properties.put(FILES_BUCKET, bucketName(hint, buckets.incrementAndGet()));
        properties.put("iecmh.files.master-keys.1", MASTER_KEY);
        return properties;
    }

    /** S3's rules: 3 to 63 lower-case letters, digits and hyphens, starting and ending with a letter or digit. */
    static String bucketName(String hint, int number) {
        String cleaned = hint.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("^-+|-+$", "");
        String suffix = "-" + number;
        String stem = "files-" + cleaned;
        return stem.substring(0, Math.min(stem.length(), 63 - suffix.length())).replaceAll("-+$", "") + suffix;
    }

    private static String randomKey() {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        return Base64.getEncoder().encodeToString(key);
    }
}
