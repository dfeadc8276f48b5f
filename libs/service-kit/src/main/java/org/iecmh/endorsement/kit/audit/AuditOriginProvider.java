package org.iecmh.endorsement.kit.audit;

import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.messaging.Message;
import org.axonframework.messaging.correlation.CorrelationDataProvider;

import java.util.Map;

/**
 * Correlation and causation for the messages a message gives rise to. The correlation id is the conversation's and
 * never changes. The causation id is the message that caused them, except that a command which names its own
 * cause passes it on: commands are not stored, so an event caused by a command sent in reaction to another
 * service's event points at that event, which an auditor can find.
 */
public class AuditOriginProvider implements CorrelationDataProvider {

    @Override
    public Map<String, ?> correlationDataFor(Message<?> message) {
        Object correlation = message.getMetaData().getOrDefault(AuditMetadata.CORRELATION, message.getIdentifier());
        Object namedCause = message.getMetaData().get(AuditMetadata.CAUSATION);
        Object causation = message instanceof CommandMessage<?> && namedCause != null
                ? namedCause : message.getIdentifier();
        return Map.of(AuditMetadata.CORRELATION, correlation, AuditMetadata.CAUSATION, causation);
    }
}
