package org.iecmh.endorsement.kit.messaging;

import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The dead-letter producer of batch bindings builds its own Kafka client: it must connect as the binder's clients
 * do, with spring.kafka's security settings (TLS and the service's key store on Kubernetes), and still send raw bytes
 * to the binder's brokers with every write acknowledged by the in-sync replicas.
 */
class BatchDeadLettersTest {

    @Test
    void theProducerTakesSpringKafkasSecuritySettingsButKeepsItsBrokersSerializersAndAcks() {
        KafkaProperties kafka = new KafkaProperties();
        kafka.getSecurity().setProtocol("SSL");
        kafka.getSsl().setKeyStoreType("PKCS12");
        kafka.getSsl().setKeyStorePassword("from-the-secret");
        kafka.getProducer().setAcks("1");

        BatchDeadLetters deadLetters = new BatchDeadLetters("iecmh-kafka-kafka-bootstrap:9093",
                kafka.buildProducerProperties());
        try {
            Map<String, Object> settings = deadLetters.producerSettings();
            assertThat(settings).containsEntry("security.protocol", "SSL")
                    .containsEntry("ssl.keystore.type", "PKCS12")
                    .containsEntry(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, "iecmh-kafka-kafka-bootstrap:9093")
                    .containsEntry(ProducerConfig.ACKS_CONFIG, "all")
                    .containsEntry(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
            assertThat(settings.get("ssl.keystore.password").toString()).contains("from-the-secret");
        } finally {
            deadLetters.destroy();
        }
    }
}
