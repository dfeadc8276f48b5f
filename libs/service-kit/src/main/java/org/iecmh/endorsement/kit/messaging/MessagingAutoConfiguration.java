package org.iecmh.endorsement.kit.messaging;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.kafka.clients.CommonClientConfigs;
import org.axonframework.config.EventProcessingConfigurer;
import org.axonframework.eventhandling.PropagatingErrorHandler;
import org.iecmh.endorsement.contracts.IntegrationEventType;
import org.iecmh.endorsement.kit.eventstore.EventStoreAutoConfiguration;
import org.iecmh.endorsement.kit.eventstore.ServiceKitSchema;
import org.iecmh.endorsement.kit.time.ClockAutoConfiguration;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.cloud.stream.binding.BindingsLifecycleController;
import org.springframework.cloud.stream.config.BindingServiceProperties;
import org.springframework.cloud.stream.function.StreamBridge;
import org.springframework.context.annotation.Bean;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.Clock;
import java.time.Duration;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The relay from each service's event store to Kafka, and the inbox its consumers share. */
@AutoConfiguration(after = {EventStoreAutoConfiguration.class, ClockAutoConfiguration.class})
public class MessagingAutoConfiguration {

    /** Where the service's Kafka clients connect: the binder's brokers, else Spring Kafka's. */
    static final String BOOTSTRAP_SERVERS =
            "${spring.cloud.stream.kafka.binder.brokers:${spring.kafka.bootstrap-servers:localhost:9092}}";

    @Bean
    public KafkaNames kafkaNames(@Value("${iecmh.kafka.prefix:}") String prefix) {
        return new KafkaNames(prefix);
    }

    @Bean
    public Inbox inbox(ServiceKitSchema schemaReady, JdbcTemplate jdbc, PlatformTransactionManager transactions,
                       @Qualifier("defaultAxonObjectMapper") ObjectMapper json, Clock clock) {
        return new Inbox(jdbc, new TransactionTemplate(transactions), json, clock);
    }

    /**
     * Retries and dead letters for consumers bound in batch mode; record-mode bindings keep the binder's. Its producer
     * connects as the binder's clients do: with the client settings of {@code spring.kafka.*} (TLS and the service's
     * certificate on Kubernetes).
     */
    @Bean
    public BatchDeadLetters batchDeadLetters(
            @Value(BOOTSTRAP_SERVERS) String bootstrapServers, ObjectProvider<KafkaProperties> kafka) {
        Map<String, Object> client = kafka.getIfAvailable(KafkaProperties::new).buildProducerProperties();
        return new BatchDeadLetters(bootstrapServers, client);
    }

    /**
     * Where the binder creates topics (the local platform, the tests), the topics that keep the latest record per key
     * are made compacted first: while the beans are made, before any binding starts and could create them otherwise.
     */
    @Bean
    @ConditionalOnProperty(name = "spring.cloud.stream.kafka.binder.auto-create-topics", havingValue = "true",
            matchIfMissing = true)
    public LatestPerKeyTopics latestPerKeyTopics(KafkaNames names, @Value(BOOTSTRAP_SERVERS) String bootstrapServers,
                                                 ObjectProvider<KafkaProperties> kafka) {
        Map<String, Object> client = new HashMap<>(kafka.getIfAvailable(KafkaProperties::new).buildAdminProperties());
        client.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        return LatestPerKeyTopics.ensure(names, client);
    }

    @Bean
    public IntegrationEventPublisher integrationEventPublisher(
            StreamBridge streamBridge, @Qualifier("defaultAxonObjectMapper") ObjectMapper json, KafkaNames names,
            @Value("${spring.application.name}") String serviceName, BindingServiceProperties streams) {
        // StreamBridge makes a topic's binding on its first send, in a map that is not safe for threads: two first
        // sends at once (the relay and a consumer's publisher) could lose a binding and fail. Made here, at start-up,
        // on one thread, every topic's binding exists before anything is sent.
        IntegrationEventType.ALL.stream().map(type -> names.topic(type.topic())).distinct()
                .forEach(streams::getBindingProperties);
        return new IntegrationEventPublisher(streamBridge, json, names, "/" + serviceName);
    }

    @Bean
    @ConditionalOnBean(IntegrationEventMapper.class)
    public IntegrationEventRelay integrationEventRelay(List<IntegrationEventMapper> mappers,
                                                       IntegrationEventPublisher publisher, TraceParent trace) {
        return new IntegrationEventRelay(mappers, publisher, trace);
    }

    @Bean
    public InboxRetention inboxRetention(ServiceKitSchema schemaReady, JdbcTemplate jdbc, Clock clock,
                                         @Value("${iecmh.inbox.retention:90d}") Duration retention,
                                         @Value("${iecmh.inbox.prune-every:1h}") Duration every) {
        return new InboxRetention(jdbc, clock, retention, every);
    }

    /**
     * The way back for each consumer binding's dead letters (those with a group: the binder gives each a dead-letter
     * topic {@code error.<topic>.<group>}), through the service's Kafka connection settings.
     */
    @Bean
    public DeadLetters deadLetters(BindingServiceProperties streams, @Value(BOOTSTRAP_SERVERS) String bootstrapServers,
                                   ObjectProvider<KafkaProperties> kafka) {
        List<DeadLetters.Binding> bindings = streams.getBindings().entrySet().stream()
                .filter(binding -> binding.getValue().getGroup() != null && binding.getValue().getDestination() != null)
                .map(binding -> new DeadLetters.Binding(binding.getKey(), binding.getValue().getDestination(),
                        binding.getValue().getGroup(), DeadLetters.deadLetterTopic(
                                binding.getValue().getDestination(), binding.getValue().getGroup())))
                .sorted(Comparator.comparing(DeadLetters.Binding::name))
                .toList();
        Map<String, Object> client = new HashMap<>(kafka.getIfAvailable(KafkaProperties::new).buildAdminProperties());
        client.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        return new DeadLetters(bindings, client);
    }

    @Bean
    @ConditionalOnProperty("iecmh.dead-letters.path")
    @ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
    DeadLetterResource deadLetterResource(DeadLetters deadLetters, BindingsLifecycleController lifecycle) {
        return new DeadLetterResource(deadLetters, new ConsumerStates(lifecycle));
    }

    /**
     * An event handler that fails must never be skipped, and Axon's default only logs and moves on. Propagating
     * instead, a read model updated in the storing transaction (subscribing) rolls the command back, and a tracking
     * processor (the relay among them) stops at that event and retries it.
     */
    @Autowired
    public void eventHandlersNeverSkipAFailure(EventProcessingConfigurer processing) {
        processing.registerDefaultListenerInvocationErrorHandler(configuration -> PropagatingErrorHandler.instance());
    }
}
