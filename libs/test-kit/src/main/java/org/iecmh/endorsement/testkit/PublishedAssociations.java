package org.iecmh.endorsement.testkit;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.iecmh.endorsement.contracts.IntegrationEvent;
import org.iecmh.endorsement.contracts.MailPreferencesChanged;
import org.iecmh.endorsement.contracts.Topics;
import org.iecmh.endorsement.contracts.association.Association;
import org.iecmh.endorsement.contracts.association.AssociationChanged;
import org.iecmh.endorsement.contracts.association.AssociationSeed;
import org.springframework.core.env.Environment;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Makes associations (and their people's mail preferences) known to a service under test as association-service
 * would: an {@link AssociationChanged} per record on the real {@code endorsement.associations} topic (under the test's prefix), then waits until the
 * service's consumer group has handled them, so that its local view holds them when this returns. Sequences grow
 * for the whole JVM, so a record published later is always the newer one.
 */
public final class PublishedAssociations {

    private static final Set<String> PUBLISHED_UNDER = ConcurrentHashMap.newKeySet();
    private static final AtomicLong SEQUENCE = new AtomicLong(System.currentTimeMillis());
    private static final ObjectMapper JSON = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

    private PublishedAssociations() {
    }

    /** The seed's associations ({@code ma} and {@code wa}), as association-service creates them on an empty platform. */
    public static List<Association> seed() {
        return AssociationSeed.load();
    }

    /** The seed's association with this code. */
    public static Association seeded(String code) {
        return seed().stream().filter(association -> association.code().equals(code)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("The seed has no association " + code));
    }

    /** {@code template}'s record under another code, name and time zone: an association the seed does not have. */
    public static Association copy(Association template, String code, String name, String timeZone) {
        return new Association(code, name, template.state(), timeZone, template.languages(), template.contact(),
                template.coordinator(), template.mailFrom(), template.noticesOff(), template.categories(),
                template.badgeIssuer() == null ? null
                        : new Association.BadgeIssuer(name, "iecmh.badges.issuers." + code + ".signing-key"),
                template.exam(), template.references(), template.membership(), template.requirements(),
                template.fees(), template.renewal());
    }

    /**
     * Publishes each record (checked first, as association-service would) for the service whose configuration is
     * {@code environment}, and returns once the service's {@code associationEvents-in-0} group has handled them all.
     */
    public static void publish(Environment environment, List<Association> associations) {
        String prefix = environment.getRequiredProperty(RealInfrastructureProperties.KAFKA_PREFIX);
        String group = environment.getRequiredProperty("spring.cloud.stream.bindings.associationEvents-in-0.group");
        List<RecordMetadata> written = new ArrayList<>();
        for (Association association : associations) {
            written.add(send(prefix, association.validated()));
        }
        written.forEach(metadata -> KafkaTopics.awaitConsumed(group, metadata));
    }

    /**
     * {@link #publish} the first time it is called for the service's context (its Kafka prefix), nothing after: a
     * test class's {@code @BeforeEach} gives its one context the associations its stories need.
     */
    public static synchronized void publishOnce(Environment environment, List<Association> associations) {
        String prefix = environment.getRequiredProperty(RealInfrastructureProperties.KAFKA_PREFIX);
        if (!PUBLISHED_UNDER.contains(prefix)) {
            publish(environment, associations);
            PUBLISHED_UNDER.add(prefix);
        }
    }

    public static void publish(Environment environment, Association... associations) {
        publish(environment, List.of(associations));
    }

    /**
     * Publishes a person's choice of address and language (either null: none) as association-service would, newer
     * than any published before in this JVM, and returns once the service's group has handled it.
     */
    public static void publishMailPreferences(Environment environment, String tenantId, String personId,
                                              String emailAddress, String language) {
        String prefix = environment.getRequiredProperty(RealInfrastructureProperties.KAFKA_PREFIX);
        String group = environment.getRequiredProperty("spring.cloud.stream.bindings.associationEvents-in-0.group");
        KafkaTopics.awaitConsumed(group, send(prefix, MailPreferencesChanged.TYPE, new MailPreferencesChanged(tenantId,
                personId, emailAddress, language, SEQUENCE.incrementAndGet(), Instant.now())));
    }

    private static RecordMetadata send(String prefix, Association association) {
        return send(prefix, AssociationChanged.TYPE, new AssociationChanged(association.code(),
                SEQUENCE.incrementAndGet(), Instant.now(), "system", association));
    }

    private static RecordMetadata send(String prefix, String type, IntegrationEvent event) {
        List<Header> headers = List.of(header("ce_id", UUID.randomUUID().toString()),
                header("ce_type", type), header("ce_source", "/association-service"),
                header("ce_specversion", "1.0"), header("ce_tenantid", event.tenantId()));
        try {
            return KafkaTopics.send(new ProducerRecord<>(prefix + Topics.ASSOCIATIONS, null,
                    event.partitionKey().getBytes(StandardCharsets.UTF_8), JSON.writeValueAsBytes(event),
                    headers));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("Cannot write " + event, e);
        }
    }

    private static Header header(String name, String value) {
        return new RecordHeader(name, value.getBytes(StandardCharsets.UTF_8));
    }
}
