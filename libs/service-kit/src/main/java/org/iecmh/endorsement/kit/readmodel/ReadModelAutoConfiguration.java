package org.iecmh.endorsement.kit.readmodel;

import org.iecmh.endorsement.kit.eventstore.EventStoreAutoConfiguration;
import org.iecmh.endorsement.kit.eventstore.ReadModelRebuild;
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

/**
 * Rebuilds of the read models a service declares ({@link ReadModel} beans), served under
 * {@code iecmh.read-models.path} ({@code /api/applications/read-models}).
 */
@AutoConfiguration(after = EventStoreAutoConfiguration.class)
@ConditionalOnProperty("iecmh.read-models.path")
public class ReadModelAutoConfiguration {

    @Bean(destroyMethod = "close")
    ReadModelRebuilds readModelRebuilds(ObjectProvider<ReadModel> readModels, ReadModelRebuild rebuild,
                                        JdbcTemplate jdbc, PlatformTransactionManager transactions, Clock clock,
                                        @Value("${spring.application.name}") String service,
                                        @Value("${iecmh.read-models.abandoned-after:PT5M}") Duration abandonedAfter) {
        return new ReadModelRebuilds(readModels.orderedStream().toList(), rebuild, jdbc, transactions, clock,
                service + "@" + ManagementFactory.getRuntimeMXBean().getName(), abandonedAfter);
    }

    @Bean
    @ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
    ReadModelResource readModelResource(ReadModelRebuilds rebuilds) {
        return new ReadModelResource(rebuilds);
    }
}
