package org.iecmh.endorsement.kit.messaging;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.axonframework.eventhandling.EventMessage;
import org.iecmh.endorsement.contracts.IntegrationEvent;
import org.iecmh.endorsement.contracts.IntegrationEventType;
import org.iecmh.endorsement.kit.audit.AuditMetadata;
import org.springframework.cloud.stream.function.StreamBridge;
import org.springframework.kafka.support.KafkaHeaders;
import org.springframework.messaging.Message;
import org.springframework.messaging.support.MessageBuilder;

import java.util.Objects;

/**
 * Sends one integration event to its topic and returns only when the broker has acknowledged it
 * ({@code spring.cloud.stream.kafka.default.producer.sync=true}); a failure throws.
 */
public class IntegrationEventPublisher {

    private final StreamBridge streamBridge;
    private final ObjectMapper json;
    private final KafkaNames names;
    private final String source;

    public IntegrationEventPublisher(StreamBridge streamBridge, ObjectMapper json, KafkaNames names, String source) {
        this.streamBridge = streamBridge;
        this.json = json;
        this.names = names;
        this.source = source;
    }

    /**
     * Publishes {@code event}, which {@code cause} (a stored domain event) gave rise to. The CloudEvents id is the
     * domain event's id, so that publishing again after a crash yields a duplicate that consumers recognise.
     */
    public void publish(IntegrationEvent event, EventMessage<?> cause) {
        IntegrationEventType<?> type = IntegrationEventType.of(event.getClass());
        Object storedTenant = cause.getMetaData().get(AuditMetadata.TENANT);
        if (!Objects.equals(storedTenant, event.tenantId())) {
            throw new IllegalStateException("Integration event " + type.type() + " names tenant " + event.tenantId()
                    + " but its domain event " + cause.getIdentifier() + " belongs to " + storedTenant);
        }
        Message<byte[]> message = MessageBuilder.withPayload(toJson(event))
                .setHeader(KafkaHeaders.KEY, CloudEventHeaders.value(event.partitionKey()))
                .setHeader(CloudEventHeaders.ID, CloudEventHeaders.value(cause.getIdentifier()))
                .setHeader(CloudEventHeaders.TYPE, CloudEventHeaders.value(type.type()))
                .setHeader(CloudEventHeaders.SOURCE, CloudEventHeaders.value(source))
                .setHeader(CloudEventHeaders.SPEC_VERSION, CloudEventHeaders.value(CloudEventHeaders.SPEC_VERSION_1_0))
                .setHeader(CloudEventHeaders.TIME, CloudEventHeaders.value(cause.getTimestamp().toString()))
                .setHeader(CloudEventHeaders.SUBJECT, CloudEventHeaders.value(event.partitionKey()))
                .setHeader(CloudEventHeaders.TENANT, CloudEventHeaders.value(event.tenantId()))
                .setHeader(CloudEventHeaders.CORRELATION, CloudEventHeaders.value(correlationOf(cause)))
                .setHeader(CloudEventHeaders.CONTENT_TYPE, CloudEventHeaders.value("application/json"))
                .build();
        if (!streamBridge.send(names.topic(type.topic()), message)) {
            throw new IllegalStateException("Kafka did not accept " + type.type() + " " + cause.getIdentifier());
        }
    }

    private static String correlationOf(EventMessage<?> cause) {
        Object correlation = cause.getMetaData().get(AuditMetadata.CORRELATION);
        return correlation == null ? cause.getIdentifier() : correlation.toString();
    }

    private byte[] toJson(IntegrationEvent event) {
        try {
            return json.writeValueAsBytes(event);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Cannot write " + event.getClass().getSimpleName() + " as JSON", e);
        }
    }
}
