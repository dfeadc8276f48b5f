package org.iecmh.endorsement.kit.messaging;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.cloud.stream.binder.ExtendedConsumerProperties;
import org.springframework.cloud.stream.binder.kafka.ListenerContainerWithDlqAndRetryCustomizer;
import org.springframework.cloud.stream.binder.kafka.properties.KafkaConsumerProperties;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.listener.AbstractMessageListenerContainer;
import org.springframework.kafka.listener.DeadLetterPublishingRecoverer;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.util.StringUtils;
import org.springframework.util.backoff.BackOff;
import org.springframework.util.backoff.FixedBackOff;

import java.util.HashMap;
import java.util.Map;
import java.util.function.BiFunction;

/**
 * Dead letters for consumers bound in batch mode. The binder parks a failed record itself only for record-mode
 * bindings (which this leaves as they are); for a batch it would park every record of the poll. Here the container's
 * error handler takes over: a batch listener reports the record that failed by its index (see
 * {@link Inbox#receiveBatch}), the records before it are committed, the failed one is retried with the binding's
 * back-off ({@code max-attempts}, {@code back-off-*}) and then sent to the same dead-letter topic the binder would use,
 * {@code error.<topic>.<group>} on the record's partition, and the records after it are delivered again.
 */
public class BatchDeadLetters implements ListenerContainerWithDlqAndRetryCustomizer, DisposableBean {

    private final DefaultKafkaProducerFactory<byte[], byte[]> producers;
    private final KafkaTemplate<byte[], byte[]> template;

    public BatchDeadLetters(String bootstrapServers) {
        this(bootstrapServers, Map.of());
    }

    /** {@code client}: further producer settings, such as the security protocol and key stores. */
    public BatchDeadLetters(String bootstrapServers, Map<String, Object> client) {
        Map<String, Object> config = new HashMap<>(client);
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        config.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        config.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        this.producers = new DefaultKafkaProducerFactory<>(config);
        this.template = new KafkaTemplate<>(producers);
    }

    @Override
    public void configure(AbstractMessageListenerContainer<?, ?> container, String destinationName, String group,
                          BiFunction<ConsumerRecord<?, ?>, Exception, TopicPartition> dlqDestinationResolver,
                          BackOff backOff) {
        // Called only through the overload below, which knows whether the binding is in batch mode.
    }

    @Override
    public void configure(AbstractMessageListenerContainer<?, ?> container, String destinationName, String group,
                          BiFunction<ConsumerRecord<?, ?>, Exception, TopicPartition> dlqDestinationResolver,
                          BackOff backOff, ExtendedConsumerProperties<KafkaConsumerProperties> binding) {
        if (!binding.isBatchMode() || !binding.getExtension().isEnableDlq()) {
            return;
        }
        KafkaConsumerProperties kafka = binding.getExtension();
        String deadLetterTopic = StringUtils.hasText(kafka.getDlqName()) ? kafka.getDlqName()
                : DeadLetters.deadLetterTopic(destinationName, group);
        Integer partitions = kafka.getDlqPartitions();
        DeadLetterPublishingRecoverer recoverer = new DeadLetterPublishingRecoverer(template,
                (record, e) -> new TopicPartition(deadLetterTopic,
                        partitions == null || partitions > 1 ? record.partition() : 0));
        container.setCommonErrorHandler(new DefaultErrorHandler(recoverer,
                backOff != null ? backOff : new FixedBackOff(0L, 0L)));
    }

    /** The settings its producer connects with. */
    Map<String, Object> producerSettings() {
        return producers.getConfigurationProperties();
    }

    /** Record-mode bindings keep the binder's own retries and dead-letter topic. */
    @Override
    public boolean retryAndDlqInBinding(String destinationName, String group) {
        return true;
    }

    @Override
    public void destroy() {
        producers.destroy();
    }
}
