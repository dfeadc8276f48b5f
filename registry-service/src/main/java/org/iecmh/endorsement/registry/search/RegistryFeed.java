package org.iecmh.endorsement.registry.search;

import org.iecmh.endorsement.kit.messaging.Inbox;
import org.iecmh.endorsement.registry.RegistryServiceApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.messaging.Message;

import java.util.List;
import java.util.function.Consumer;

/**
 * Listens to application-service (each granted endorsement is listed) and to renewal-service (lapses, revocations,
 * inactivity, reactivations, transfers and renewals change what the registry shows). Both are bound in batch mode
 * (registry-service.yml): each poll's records are recorded in the inbox and applied in one transaction.
 */
@Configuration
class RegistryFeed {

    @Bean
    Consumer<Message<List<byte[]>>> applicationEvents(Inbox inbox, Registry registry) {
        return batch -> inbox.receiveBatch(RegistryServiceApplication.NAME, batch, registry::applyAll);
    }

    @Bean
    Consumer<Message<List<byte[]>>> endorsementEvents(Inbox inbox, Registry registry) {
        return batch -> inbox.receiveBatch(RegistryServiceApplication.NAME, batch, registry::applyAll);
    }
}
