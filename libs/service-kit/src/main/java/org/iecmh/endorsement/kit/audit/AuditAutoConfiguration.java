package org.iecmh.endorsement.kit.audit;

import org.axonframework.messaging.correlation.CorrelationDataProvider;
import org.axonframework.messaging.correlation.MessageOriginProvider;
import org.axonframework.messaging.correlation.SimpleCorrelationDataProvider;
import org.axonframework.springboot.autoconfig.AxonAutoConfiguration;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.context.annotation.Bean;

/**
 * Copies the audit metadata of each command onto the events it causes. Axon's origin provider records the
 * message that directly caused another under its first key and the conversation under its second: here they are
 * named causation and correlation, the words an auditor uses.
 */
@AutoConfiguration(before = AxonAutoConfiguration.class)
public class AuditAutoConfiguration {

    @Bean
    public CorrelationDataProvider messageOriginProvider() {
        return new MessageOriginProvider(AuditMetadata.CAUSATION, AuditMetadata.CORRELATION);
    }

    @Bean
    public CorrelationDataProvider actorCorrelationDataProvider() {
        return new SimpleCorrelationDataProvider(AuditMetadata.TENANT, AuditMetadata.SUBJECT, AuditMetadata.ROLE);
    }

    @Bean
    public TenantRequired tenantRequired() {
        return new TenantRequired();
    }
}
