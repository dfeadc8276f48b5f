package org.iecmh.endorsement.registry.search;

import org.iecmh.endorsement.kit.messaging.Inbox;
import org.iecmh.endorsement.registry.RegistryServiceApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.messaging.Message;

import java.util.function.Consumer;

/**
 * Listens to application-service (each granted endorsement is listed) and to renewal-service (lapses, revocations,
 * inactivity, reactivations, transfers and renewals change what the registry shows).
 */
@Configuration
class RegistryFeed {

    @Bean
    Consumer<Message<byte[]>> applicationEvents(Inbox inbox, Registry registry) {
        return message -> inbox.receive(RegistryServiceApplication.NAME, message,
                received -> registry.apply(received.id(), received.event()));
    }

    @Bean
    Consumer<Message<byte[]>> endorsementEvents(Inbox inbox, Registry registry) {
        return message -> inbox.receive(RegistryServiceApplication.NAME, message,
                received -> registry.apply(received.id(), received.event()));
    }
}
