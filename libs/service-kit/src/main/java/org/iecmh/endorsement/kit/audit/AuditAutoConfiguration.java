package org.iecmh.endorsement.kit.audit;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.propagation.Propagator;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.messaging.correlation.CorrelationDataProvider;
import org.axonframework.messaging.correlation.SimpleCorrelationDataProvider;
import org.axonframework.springboot.autoconfig.AxonAutoConfiguration;
import org.iecmh.endorsement.kit.messaging.TraceParent;
import org.iecmh.endorsement.kit.readmodel.LiveView;
import org.iecmh.endorsement.kit.files.FileStore;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;

import java.time.Clock;

/**
 * Copies the audit metadata of each command onto the events it causes: tenant, actor, correlation and causation;
 * and, in a service that names its audited kinds, serves the audit API ({@link AuditResource}).
 */
@AutoConfiguration(before = AxonAutoConfiguration.class)
@EnableConfigurationProperties(AuditProperties.class)
public class AuditAutoConfiguration {

    @Bean
    public CorrelationDataProvider messageOriginProvider() {
        return new AuditOriginProvider();
    }

    /** The request's trace, kept on every event it stores, for the relay to continue (see {@link TraceParent}). */
    @Bean
    public TraceParent traceParent(ObjectProvider<Tracer> tracer, ObjectProvider<Propagator> propagator) {
        return new TraceParent(tracer, propagator);
    }

    @Bean
    public CorrelationDataProvider actorCorrelationDataProvider() {
        return new SimpleCorrelationDataProvider(AuditMetadata.TENANT, AuditMetadata.SUBJECT, AuditMetadata.ROLE,
                AuditMetadata.LANGUAGE);
    }

    @Bean
    public AuditTrail auditTrail(EventStore eventStore, @Qualifier("defaultAxonObjectMapper") ObjectMapper json,
                                 EventChain eventChain, JdbcTemplate jdbc) {
        return new AuditTrail(eventStore, json, eventChain, jdbc);
    }

    @Bean
    public TenantRequired tenantRequired() {
        return new TenantRequired();
    }

    /** The audit API, for the kinds the service names. */
    @Configuration(proxyBeanMethods = false)
    @Conditional(AuditKindsConfigured.class)
    @ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
    static class AuditApi {

        @Bean
        PointInTime pointInTime(JdbcTemplate jdbc, PlatformTransactionManager transactions) {
            return new PointInTime(jdbc, transactions);
        }

        @Bean
        AuditSigningKey auditSigningKey(AuditProperties properties) {
            return AuditSigningKey.of(properties.getSigningKey());
        }

        @Bean
        AuditExport auditExport(JdbcTemplate jdbc, PlatformTransactionManager transactions,
                                @Qualifier("defaultAxonObjectMapper") ObjectMapper json, AuditSigningKey signingKey,
                                Clock clock, ObjectProvider<PersonFiles> personFiles,
                                ObjectProvider<FileStore> fileStore) {
            return new AuditExport(jdbc, transactions, json, signingKey, clock,
                    personFiles.orderedStream().toList(), fileStore);
        }

        @Bean
        EventTypes eventTypes(ObjectProvider<org.axonframework.config.Configuration> axon) {
            return new EventTypes(axon);
        }

        @Bean
        AuditResource auditResource(AuditProperties properties, AuditTrail trail, EventChain chain,
                                    PointInTime pointInTime, AuditExport export, AuditSigningKey signingKey,
                                    ObjectProvider<LiveView> views, EventTypes eventTypes,
                                    @Value("${spring.application.name}") String service) {
            return new AuditResource(properties, trail, chain, pointInTime, export, signingKey,
                    views.orderedStream().toList(), eventTypes, service);
        }
    }
}
