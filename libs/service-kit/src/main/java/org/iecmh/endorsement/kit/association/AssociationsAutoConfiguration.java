package org.iecmh.endorsement.kit.association;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.iecmh.endorsement.contracts.MailPreferencesChanged;
import org.iecmh.endorsement.contracts.association.AssociationChanged;
import org.iecmh.endorsement.kit.eventstore.ServiceKitSchema;
import org.iecmh.endorsement.kit.mail.MailPreferences;
import org.iecmh.endorsement.kit.messaging.Inbox;
import org.iecmh.endorsement.kit.messaging.MessagingAutoConfiguration;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.cloud.stream.config.BindingProperties;
import org.springframework.cloud.stream.config.BindingServiceProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.messaging.Message;

import java.time.Duration;
import java.util.function.Consumer;

/**
 * A service's local view of the associations ({@link Associations}), on where {@code iecmh.associations.enabled} is
 * true, and of how their people chose to be mailed where the service sends mail ({@link MailPreferences}): both
 * travel on association-service's topic. The service binds the consumer like its others: {@code associationEvents} in
 * {@code spring.cloud.function.definition}, and a binding {@code associationEvents-in-0} to
 * {@code ${iecmh.kafka.prefix}endorsement.associations} with the service's group (so that it has a dead-letter topic).
 */
@AutoConfiguration(after = MessagingAutoConfiguration.class)
@ConditionalOnProperty(name = "iecmh.associations.enabled", havingValue = "true")
public class AssociationsAutoConfiguration {

    /** The consumer's function name; its binding is {@code associationEvents-in-0}. */
    public static final String CONSUMER = "associationEvents";
    static final String BINDING = CONSUMER + "-in-0";

    @Bean
    public Associations associations(ServiceKitSchema schemaReady, JdbcTemplate jdbc,
                                     @Qualifier("defaultAxonObjectMapper") ObjectMapper json,
                                     @Value("${iecmh.associations.refresh-every:PT2S}") Duration refreshEvery,
                                     ObjectProvider<AssociationChangeListener> listeners) {
        return new Associations(jdbc, new AssociationJson(json), refreshEvery,
                () -> listeners.orderedStream().toList());
    }

    @Bean(CONSUMER)
    public Consumer<Message<byte[]>> associationEvents(Inbox inbox, Associations associations,
                                                        ObjectProvider<MailPreferences> preferences,
                                                        BindingServiceProperties streams,
                                                        @Value("${spring.application.name}") String service) {
        BindingProperties binding = streams.getBindings().get(BINDING);
        if (binding == null || binding.getGroup() == null || binding.getDestination() == null) {
            throw new IllegalStateException("iecmh.associations.enabled needs the binding " + BINDING
                    + " (destination ${iecmh.kafka.prefix}endorsement.associations and the service's group) and "
                    + CONSUMER + " in spring.cloud.function.definition");
        }
        return message -> inbox.receive(service, message, received -> {
            if (received.event() instanceof AssociationChanged changed) {
                associations.keep(changed);
            } else if (received.event() instanceof MailPreferencesChanged chosen) {
                // A service that sends no mail has no use for them.
                preferences.ifAvailable(kept -> kept.keep(chosen));
            }
        });
    }
}
