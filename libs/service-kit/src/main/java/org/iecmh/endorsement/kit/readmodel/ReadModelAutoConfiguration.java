package org.iecmh.endorsement.kit.readmodel;

import org.iecmh.endorsement.kit.eventstore.EventStoreAutoConfiguration;
import org.iecmh.endorsement.kit.eventstore.ReadModelRebuild;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.serialization.Serializer;
import org.axonframework.springboot.TokenStoreProperties;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;

import java.lang.management.ManagementFactory;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Rebuilds of the read models a service declares ({@link ReadModel} beans), served under
 * {@code iecmh.read-models.path} ({@code /api/applications/read-models}).
 */
@AutoConfiguration(after = EventStoreAutoConfiguration.class)
@ConditionalOnProperty("iecmh.read-models.path")
public class ReadModelAutoConfiguration {

    @Bean(destroyMethod = "close")
    TrackingProcessorClaims trackingProcessorClaims(ObjectProvider<ReadModel> readModels,
                                                    EventProcessingConfiguration processing, JdbcTemplate jdbc,
                                                    PlatformTransactionManager transactions, Serializer serializer,
                                                    TokenStoreProperties tokenStore,
                                                    @Value("${iecmh.read-models.claim-wait:PT1M}") Duration claimWait,
                                                    @Value("${iecmh.read-models.follow-every:PT2S}") Duration followEvery) {
        Map<String, String> processors = readModels.orderedStream().filter(model -> model.trackingProcessor() != null)
                .collect(Collectors.toMap(ReadModel::name, ReadModel::trackingProcessor));
        return new TrackingProcessorClaims(processing, jdbc, transactions, serializer, tokenStore.getClaimTimeout(),
                claimWait, processors, followEvery);
    }

    @Bean(destroyMethod = "close")
    ReadModelRebuilds readModelRebuilds(ObjectProvider<ReadModel> readModels, ReadModelRebuild rebuild,
                                        JdbcTemplate jdbc, PlatformTransactionManager transactions, Clock clock,
                                        TrackingProcessorClaims claims,
                                        @Value("${spring.application.name}") String service,
                                        @Value("${iecmh.read-models.abandoned-after:PT5M}") Duration abandonedAfter) {
        return new ReadModelRebuilds(readModels.orderedStream().toList(), rebuild, jdbc, transactions, clock,
                service + "@" + ManagementFactory.getRuntimeMXBean().getName(), abandonedAfter, claims);
    }

    @Bean
    @ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
    ReadModelResource readModelResource(ReadModelRebuilds rebuilds) {
        return new ReadModelResource(rebuilds);
    }
}
