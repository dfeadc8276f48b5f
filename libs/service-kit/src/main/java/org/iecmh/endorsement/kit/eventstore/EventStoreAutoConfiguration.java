package org.iecmh.endorsement.kit.eventstore;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.PropertyAccessor;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.micrometer.core.instrument.MeterRegistry;
import org.axonframework.common.caching.Cache;
import org.axonframework.common.jdbc.ConnectionProvider;
import org.axonframework.common.jdbc.PersistenceExceptionResolver;
import org.axonframework.common.jdbc.UnitOfWorkAwareConnectionProviderWrapper;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.eventhandling.tokenstore.jdbc.JdbcTokenStore;
import org.axonframework.eventhandling.tokenstore.jdbc.TokenSchema;
import org.axonframework.eventsourcing.EventCountSnapshotTriggerDefinition;
import org.axonframework.eventsourcing.SnapshotTriggerDefinition;
import org.axonframework.eventsourcing.Snapshotter;
import org.axonframework.eventsourcing.SnapshotterSpanFactory;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.eventsourcing.eventstore.jdbc.EventSchema;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;
import org.axonframework.messaging.annotation.HandlerDefinition;
import org.axonframework.messaging.annotation.ParameterResolverFactory;
import org.axonframework.modelling.saga.repository.SagaStore;
import org.axonframework.modelling.saga.repository.jdbc.JdbcSagaStore;
import org.axonframework.modelling.saga.repository.jdbc.PostgresSagaSqlSchema;
import org.axonframework.modelling.saga.repository.jdbc.SagaSchema;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.json.JacksonSerializer;
import org.axonframework.spring.eventsourcing.SpringAggregateSnapshotter;
import org.axonframework.spring.jdbc.SpringDataSourceConnectionProvider;
import org.axonframework.spring.messaging.unitofwork.SpringTransactionManager;
import org.axonframework.springboot.TokenStoreProperties;
import org.axonframework.springboot.autoconfig.AxonAutoConfiguration;
import org.axonframework.springboot.autoconfig.JdbcAutoConfiguration;
import org.axonframework.springboot.autoconfig.JpaAutoConfiguration;
import org.axonframework.springboot.autoconfig.JpaEventStoreAutoConfiguration;
import org.axonframework.springboot.autoconfig.NoOpTransactionAutoConfiguration;
import org.axonframework.springboot.autoconfig.TransactionAutoConfiguration;
import org.axonframework.springboot.autoconfig.ObjectMapperAutoConfiguration;
import org.axonframework.springboot.autoconfig.legacyjpa.JpaJavaxAutoConfiguration;
import org.axonframework.springboot.autoconfig.legacyjpa.JpaJavaxEventStoreAutoConfiguration;
import org.axonframework.updates.configuration.UsagePropertyProvider;
import org.iecmh.endorsement.kit.audit.EventChain;
import org.iecmh.endorsement.kit.time.Leases;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import javax.sql.DataSource;
import java.sql.SQLException;
import java.sql.SQLIntegrityConstraintViolationException;
import java.time.Duration;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * Axon on PostgreSQL through JDBC, chosen here rather than left to Axon's auto-configuration: a service that also
 * uses JPA for read models must still store its events through JDBC, and Spring Boot's ordering must never leave an
 * in-memory token store in place. Every name is snake_case, matching the Flyway migrations in {@code db/service-kit}.
 * Everything Axon stores is JSON written by Jackson 2 (Axon's {@code jackson} serializer): readable with psql,
 * and never to be switched, since stored events and upcasters depend on it.
 * <p>
 * Axon's unit of work runs in a Spring transaction, and the event store, the token store and the sagas take the
 * transaction's connection: one command is one transaction on one connection, whatever it writes. Axon's own
 * auto-configuration would not guarantee that: it orders itself after a class name that Spring Boot 4 moved, and
 * then falls back to running every statement in a transaction of its own.
 * <p>
 * Length: every bean of the write path is declared here, in one place, so that which transaction manager, connection
 * provider, serializer, token store and storage engine a service runs with is read in one file and not inferred.
 */
@AutoConfiguration(before = {
        JdbcAutoConfiguration.class, JpaAutoConfiguration.class, JpaEventStoreAutoConfiguration.class,
        JpaJavaxAutoConfiguration.class, JpaJavaxEventStoreAutoConfiguration.class,
        ObjectMapperAutoConfiguration.class, AxonAutoConfiguration.class,
        TransactionAutoConfiguration.class, NoOpTransactionAutoConfiguration.class},
        afterName = {"org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration",
                "org.springframework.boot.jdbc.autoconfigure.DataSourceTransactionManagerAutoConfiguration"})
@EnableConfigurationProperties(TokenStoreProperties.class)
public class EventStoreAutoConfiguration {

    /** PostgreSQL's SQLState for a duplicate key. */
    private static final String UNIQUE_VIOLATION = "23505";

    @Bean
    @ConditionalOnMissingBean(TransactionManager.class)
    public TransactionManager axonTransactionManager(PlatformTransactionManager transactions) {
        return new SpringTransactionManager(transactions);
    }

    /** The connection of the Spring transaction the unit of work runs in, never one of its own. */
    @Bean
    @ConditionalOnMissingBean(ConnectionProvider.class)
    public ConnectionProvider connectionProvider(DataSource dataSource) {
        return new UnitOfWorkAwareConnectionProviderWrapper(new SpringDataSourceConnectionProvider(dataSource));
    }

    @Bean
    public ServiceKitSchema serviceKitSchema(DataSource dataSource) {
        return ServiceKitSchema.migrate(dataSource);
    }

    /**
     * Jackson 2, configured once for everything Axon stores and everything the services publish; days and instants
     * in the form they are written are read by {@link IsoDatesModule}.
     */
    @Bean("defaultAxonObjectMapper")
    public ObjectMapper defaultAxonObjectMapper() {
        return new ObjectMapper()
                .registerModule(new JavaTimeModule())
                .registerModule(new IsoDatesModule())
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .disable(DeserializationFeature.ADJUST_DATES_TO_CONTEXT_TIME_ZONE)
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    }

    @Bean
    @Primary
    public Serializer jsonSerializer(ObjectMapper defaultAxonObjectMapper) {
        return JacksonSerializer.builder().objectMapper(defaultAxonObjectMapper).build();
    }

    @Bean
    @Qualifier("messageSerializer")
    public Serializer jsonMessageSerializer(ObjectMapper defaultAxonObjectMapper) {
        return JacksonSerializer.builder().objectMapper(defaultAxonObjectMapper).build();
    }

    @Bean
    @Qualifier("eventSerializer")
    public Serializer jsonEventSerializer(ObjectMapper defaultAxonObjectMapper) {
        return JacksonSerializer.builder().objectMapper(defaultAxonObjectMapper).build();
    }

    /**
     * Snapshots are the aggregates' fields as JSON (an aggregate has no getters), readable like the events, and written
     * with the same Jackson as everything else Axon stores.
     */
    @Bean
    @Qualifier("snapshotSerializer")
    public Serializer snapshotSerializer(ObjectMapper defaultAxonObjectMapper) {
        ObjectMapper fields = defaultAxonObjectMapper.copy()
                .setVisibility(PropertyAccessor.GETTER, JsonAutoDetect.Visibility.NONE)
                .setVisibility(PropertyAccessor.IS_GETTER, JsonAutoDetect.Visibility.NONE)
                .setVisibility(PropertyAccessor.SETTER, JsonAutoDetect.Visibility.NONE)
                .setVisibility(PropertyAccessor.FIELD, JsonAutoDetect.Visibility.ANY);
        return JacksonSerializer.builder().objectMapper(fields).build();
    }

    /**
     * Snapshots are taken off the request thread, after the command committed, one at a time: a snapshot that cannot
     * be queued is skipped, and the next trigger takes it.
     */
    @Bean
    @ConditionalOnMissingBean(Snapshotter.class)
    public SpringAggregateSnapshotter aggregateSnapshotter(org.axonframework.config.Configuration configuration,
                                                           HandlerDefinition handlerDefinition,
                                                           ParameterResolverFactory parameterResolverFactory,
                                                           org.axonframework.eventsourcing.eventstore.EventStore
                                                                   eventStore,
                                                           TransactionManager transactionManager,
                                                           SnapshotterSpanFactory spanFactory) {
        ThreadPoolExecutor snapshots = new ThreadPoolExecutor(1, 1, 0, TimeUnit.MILLISECONDS,
                new ArrayBlockingQueue<>(1_000), runnable -> {
                    Thread thread = new Thread(runnable, "aggregate-snapshots");
                    thread.setDaemon(true);
                    return thread;
                }, new ThreadPoolExecutor.DiscardPolicy());
        return SpringAggregateSnapshotter.builder()
                .repositoryProvider(configuration::repository)
                .transactionManager(transactionManager)
                .eventStore(eventStore)
                .parameterResolverFactory(parameterResolverFactory)
                .handlerDefinition(handlerDefinition)
                .spanFactory(spanFactory)
                .executor(snapshots)
                .build();
    }

    @Bean(AggregateStorage.SNAPSHOTS)
    public SnapshotTriggerDefinition aggregateSnapshots(Snapshotter snapshotter,
                                                        @Value("${iecmh.event-store.snapshot-every:100}") int every) {
        return new EventCountSnapshotTriggerDefinition(snapshotter, every);
    }

    @Bean(AggregateStorage.CACHE)
    public Cache aggregateCache(ServiceKitSchema schemaReady, JdbcTemplate jdbc) {
        return new AggregateCache(jdbc);
    }

    @Bean
    public EventSchema eventSchema() {
        return EventSchema.builder()
                .eventTable("domain_event_entry")
                .snapshotTable("snapshot_event_entry")
                .globalIndexColumn("global_index")
                .timestampColumn("time_stamp")
                .eventIdentifierColumn("event_identifier")
                .aggregateIdentifierColumn("aggregate_identifier")
                .sequenceNumberColumn("sequence_number")
                .typeColumn("type")
                .payloadTypeColumn("payload_type")
                .payloadRevisionColumn("payload_revision")
                .payloadColumn("payload")
                .metaDataColumn("meta_data")
                .build();
    }

    @Bean
    public TokenSchema tokenSchema() {
        return TokenSchema.builder()
                .setTokenTable("token_entry")
                .setProcessorNameColumn("processor_name")
                .setSegmentColumn("segment")
                .setTokenColumn("token")
                .setTokenTypeColumn("token_type")
                .setTimestampColumn("timestamp")
                .setOwnerColumn("owner")
                .build();
    }

    /**
     * PostgreSQL reports a duplicate key as SQLState 23505 in a plain {@code PSQLException}, which Axon's
     * {@code JdbcSQLErrorCodesResolver} misses (it looks for {@code SQLIntegrityConstraintViolationException}), and
     * Axon's other resolver needs JPA: without this, an aggregate created twice, or two commands racing on one, would
     * fail as an error instead of a conflict (409).
     */
    @Bean
    public PersistenceExceptionResolver persistenceExceptionResolver() {
        return EventStoreAutoConfiguration::isUniqueViolation;
    }

    private static boolean isUniqueViolation(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof SQLIntegrityConstraintViolationException) {
                return true;
            }
            for (SQLException sql = cause instanceof SQLException e ? e : null; sql != null;
                 sql = sql.getNextException()) {
                if (UNIQUE_VIOLATION.equals(sql.getSQLState())) {
                    return true;
                }
            }
        }
        return false;
    }

    @Bean
    public EventStorageEngine eventStorageEngine(ServiceKitSchema schemaReady,
                                                 @Qualifier("snapshotSerializer") Serializer snapshotSerializer,
                                                 @Qualifier("eventSerializer") Serializer eventSerializer,
                                                 PersistenceExceptionResolver persistenceExceptionResolver,
                                                 org.axonframework.config.Configuration configuration,
                                                 ConnectionProvider connectionProvider,
                                                 TransactionManager transactionManager,
                                                 EventSchema eventSchema,
                                                 EventChain eventChain,
                                                 @Value("${iecmh.event-store.read-batch-size:1000}") int batchSize,
                                                 @Value("${iecmh.event-store.head-read-interval:10ms}")
                                                 Duration headReadInterval) {
        // Events are read a batch per query: an aggregate's stream for the audit, the whole store for a rebuild and
        // the tracking processors. Axon's 100 made a 1,000-event stream ten round trips and a rebuild one per 100.
        return new ChainedEventStorageEngine(JdbcEventStorageEngine.builder()
                .batchSize(batchSize)
                .snapshotSerializer(snapshotSerializer)
                .eventSerializer(eventSerializer)
                .upcasterChain(configuration.upcasterChain())
                .snapshotFilter(configuration.snapshotFilter())
                .persistenceExceptionResolver(persistenceExceptionResolver)
                .connectionProvider(connectionProvider)
                .transactionManager(transactionManager)
                .schema(eventSchema), transactionManager, eventChain,
                new HeadPacing(headReadInterval, System::nanoTime));
    }

    /** Leases on time-driven work that one instance at a time must do. */
    @Bean
    public Leases leases(ServiceKitSchema schemaReady, JdbcTemplate jdbc) {
        return new Leases(jdbc);
    }

    @Bean
    public EventChain eventChain(ServiceKitSchema schemaReady, JdbcTemplate jdbc,
                                 @Qualifier("defaultAxonObjectMapper") ObjectMapper json) {
        return new EventChain(jdbc, json);
    }

    @Bean
    public TokenStore tokenStore(ServiceKitSchema schemaReady, ConnectionProvider connectionProvider,
                                 Serializer jsonSerializer, TokenSchema tokenSchema,
                                 TokenStoreProperties tokenStoreProperties) {
        return JdbcTokenStore.builder()
                .connectionProvider(connectionProvider)
                .schema(tokenSchema)
                .serializer(jsonSerializer)
                .claimTimeout(tokenStoreProperties.getClaimTimeout())
                .build();
    }

    @Bean
    public SagaStore<Object> sagaStore(ServiceKitSchema schemaReady, ConnectionProvider connectionProvider,
                                       Serializer jsonSerializer) {
        SagaSchema schema = SagaSchema.builder()
                .sagaEntryTable("saga_entry")
                .revisionColumn("revision")
                .serializedSagaColumn("serialized_saga")
                .associationValueEntryTable("association_value_entry")
                .associationKeyColumn("association_key")
                .associationValueColumn("association_value")
                .sagaIdColumn("saga_id")
                .sagaTypeColumn("saga_type")
                .build();
        return JdbcSagaStore.builder()
                .connectionProvider(connectionProvider)
                .sqlSchema(new PostgresSagaSqlSchema(schema))
                .serializer(jsonSerializer)
                .build();
    }

    /** Rebuilds read from the event table itself, upcast and deserialized as the engine reads it. */
    @Bean
    public ReadModelRebuild readModelRebuild(JdbcTemplate jdbc, PlatformTransactionManager transactions,
                                             EventSchema eventSchema,
                                             @Qualifier("eventSerializer") Serializer eventSerializer,
                                             org.axonframework.config.Configuration configuration) {
        return new ReadModelRebuild(jdbc, new TransactionTemplate(transactions), eventSchema, eventSerializer,
                configuration.upcasterChain());
    }

    /** The lag of every tracking processor, for Prometheus (axon-micrometer is not published for Axon 4.13.0). */
    @Bean
    public ProcessorLag processorLag(EventProcessingConfiguration processing,
                                     org.axonframework.eventsourcing.eventstore.EventStore eventStore,
                                     JdbcTemplate jdbc, TokenSchema tokenSchema, Serializer jsonSerializer,
                                     ObjectProvider<MeterRegistry> registry) {
        return new ProcessorLag(processing, eventStore, jdbc, tokenSchema, jsonSerializer, registry);
    }

    /** Axon's update checker calls out to the internet; these deployments must not. */
    @Bean
    public UsagePropertyProvider usagePropertyProvider(
            @Value("${axoniq.update-checker.disabled:true}") boolean disabled) {
        return new UsagePropertyProvider() {
            @Override
            public Boolean getDisabled() {
                return disabled;
            }

            @Override
            public String getUrl() {
                return null;
            }

            @Override
            public int priority() {
                return Integer.MAX_VALUE;
            }
        };
    }
}
