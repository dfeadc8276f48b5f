package org.iecmh.endorsement.kit.audit;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.messaging.correlation.CorrelationDataProvider;
import org.axonframework.messaging.correlation.SimpleCorrelationDataProvider;
import org.axonframework.springboot.autoconfig.AxonAutoConfiguration;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.context.annotation.Bean;

/**
 * Copies the audit metadata of each command onto the events it causes: tenant, actor, correlation and causation.
 */
@AutoConfiguration(before = AxonAutoConfiguration.class)
public class AuditAutoConfiguration {

    @Bean
    public CorrelationDataProvider messageOriginProvider() {
        return new AuditOriginProvider();
    }

    @Bean
    public CorrelationDataProvider actorCorrelationDataProvider() {
        return new SimpleCorrelationDataProvider(AuditMetadata.TENANT, AuditMetadata.SUBJECT, AuditMetadata.ROLE);
    }

    @Bean
    public AuditTrail auditTrail(EventStore eventStore, @Qualifier("defaultAxonObjectMapper") ObjectMapper json) {
        return new AuditTrail(eventStore, json);
    }

    @Bean
    public TenantRequired tenantRequired() {
        return new TenantRequired();
    }
}
