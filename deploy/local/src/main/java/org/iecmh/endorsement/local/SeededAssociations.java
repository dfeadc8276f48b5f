package org.iecmh.endorsement.local;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.iecmh.endorsement.contracts.Topics;
import org.iecmh.endorsement.contracts.association.Association;
import org.iecmh.endorsement.contracts.association.AssociationChanged;
import org.iecmh.endorsement.contracts.association.AssociationSeed;
import org.iecmh.endorsement.kit.association.Associations;
import org.springframework.context.ConfigurableApplicationContext;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;

/**
 * TEMPORARY, until association-service runs in the local platform: publishes the seed's associations ({@code ma},
 * {@code wa}) on {@code endorsement.associations} as association-service does on an empty platform, and waits until
 * every service's view holds them. Sequence 1: a service that already keeps a record of the association ignores it.
 */
final class SeededAssociations {

    private static final Duration WAIT = Duration.ofSeconds(60);

    private SeededAssociations() {
    }

    static void publish(String bootstrapServers, String prefix, Collection<ConfigurableApplicationContext> services) {
        List<Association> seed = AssociationSeed.load();
        ObjectMapper json = services.iterator().next().getBean("defaultAxonObjectMapper", ObjectMapper.class);
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class))) {
            for (Association association : seed) {
                AssociationChanged changed = new AssociationChanged(association.code(), 1, Instant.now(), "system",
                        association);
                List<Header> headers = List.of(header("ce_id", UUID.randomUUID().toString()),
                        header("ce_type", AssociationChanged.TYPE), header("ce_source", "/association-service"),
                        header("ce_specversion", "1.0"), header("ce_tenantid", changed.tenantId()));
                producer.send(new ProducerRecord<>(prefix + Topics.ASSOCIATIONS, null,
                        changed.partitionKey().getBytes(StandardCharsets.UTF_8), json.writeValueAsBytes(changed),
                        headers)).get();
            }
        } catch (JsonProcessingException | ExecutionException e) {
            throw new IllegalStateException("Could not publish the seed's associations", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        Instant deadline = Instant.now().plus(WAIT);
        for (ConfigurableApplicationContext service : services) {
            Associations view = service.getBean(Associations.class);
            while (!seed.stream().allMatch(association -> view.find(association.code()).isPresent())) {
                if (Instant.now().isAfter(deadline)) {
                    throw new IllegalStateException(service.getId() + " did not receive the seed's associations within "
                            + WAIT.toSeconds() + " s");
                }
                try {
                    Thread.sleep(100);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException(e);
                }
            }
        }
    }

    private static Header header(String name, String value) {
        return new RecordHeader(name, value.getBytes(StandardCharsets.UTF_8));
    }
}
