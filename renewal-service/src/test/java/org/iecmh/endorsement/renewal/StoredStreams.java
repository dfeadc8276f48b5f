package org.iecmh.endorsement.renewal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.messaging.MetaData;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.SimpleSerializedObject;
import org.axonframework.serialization.SimpleSerializedType;
import org.axonframework.serialization.json.JacksonSerializer;
import org.iecmh.endorsement.kit.eventstore.EventStoreAutoConfiguration;

import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Endorsements' streams as the event store kept them before the endorsement's features became parts of the aggregate
 * (rows of {@code domain_event_entry}: type, revision, payload and metadata JSON), written by the code of then:
 * MA-000801 renewed late after a return, with corrected and removed activity; MA-000802 lapsed, reinstated for a fee,
 * moved to Washington and put on hold there; MA-000803 imported lapsed and claimed; MA-000804 imported on hold and
 * revoked.
 */
public final class StoredStreams {

    public static final List<String> NUMBERS = List.of("MA-000801", "MA-000802", "MA-000803", "MA-000804");
    private static final String STREAMS = "/stored-streams/endorsements-before-feature-members.json";

    private StoredStreams() {
    }

    /** The stored rows of one endorsement, in order, as the event store hands them to the aggregate. */
    public static List<DomainEventMessage<?>> stored(String endorsementNumber) {
        Serializer serializer = JacksonSerializer.builder()
                .objectMapper(new EventStoreAutoConfiguration().defaultAxonObjectMapper()).build();
        List<DomainEventMessage<?>> events = new ArrayList<>();
        for (JsonNode row : rows()) {
            if (!row.get("aggregateIdentifier").asText().equals(endorsementNumber)) {
                continue;
            }
            Object payload = serializer.deserialize(new SimpleSerializedObject<>(row.get("payload").asText(),
                    String.class, new SimpleSerializedType(row.get("payloadType").asText(),
                    row.get("payloadRevision").isNull() ? null : row.get("payloadRevision").asText())));
            Map<String, ?> metaData = serializer.deserialize(new SimpleSerializedObject<>(
                    row.get("metaData").asText(), String.class, MetaData.class.getName(), null));
            events.add(new GenericDomainEventMessage<>(row.get("type").asText(), endorsementNumber,
                    row.get("sequenceNumber").asLong(), payload, MetaData.from(metaData),
                    row.get("eventIdentifier").asText(), Instant.parse(row.get("timeStamp").asText())));
        }
        return events;
    }

    public static JsonNode rows() {
        try (InputStream in = StoredStreams.class.getResourceAsStream(STREAMS)) {
            return new ObjectMapper().readTree(in);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
