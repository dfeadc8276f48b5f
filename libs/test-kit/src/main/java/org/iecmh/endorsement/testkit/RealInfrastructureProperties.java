package org.iecmh.endorsement.testkit;

import java.util.HashMap;
import java.util.Map;

/** The Spring properties that connect a service to the JVM's real PostgreSQL server, Kafka broker and token issuer. */
public final class RealInfrastructureProperties {

    /** Prefix of every topic and consumer group name (service-kit's {@code iecmh.kafka.prefix}). */
    public static final String KAFKA_PREFIX = "iecmh.kafka.prefix";
    /** Where a resource server finds the issuer's discovery document and keys. */
    public static final String ISSUER_URI = "spring.security.oauth2.resourceserver.jwt.issuer-uri";

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
}
