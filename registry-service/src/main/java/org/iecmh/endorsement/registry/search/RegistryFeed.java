package org.iecmh.endorsement.registry.search;

import org.iecmh.endorsement.contracts.EndorsementGranted;
import org.iecmh.endorsement.kit.messaging.Inbox;
import org.iecmh.endorsement.registry.RegistryServiceApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.messaging.Message;

import java.util.function.Consumer;

/** Listens to application-service: each granted endorsement is listed. */
@Configuration
class RegistryFeed {

    @Bean
    Consumer<Message<byte[]>> applicationEvents(Inbox inbox, Registry registry) {
        return message -> inbox.receive(RegistryServiceApplication.NAME, message, received -> {
            if (received.event() instanceof EndorsementGranted granted) {
                registry.list(granted);
            }
        });
    }
}
