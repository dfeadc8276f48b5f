package org.iecmh.endorsement.application.portfolio;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import org.axonframework.eventhandling.DomainEventData;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.GenericDomainEventEntry;
import org.axonframework.eventsourcing.EventStreamUtils;
import org.axonframework.serialization.json.JacksonSerializer;
import org.axonframework.serialization.upcasting.event.EventUpcasterChain;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Rows of {@code PortfolioEntryRemoved} as revision 1 stored them (fixtures in {@code event-fixtures/}), read the
 * way the event store reads them: through the upcaster chain and the serializer the services use.
 */
class PortfolioEntryRemovedUpcasterTest {

    private final ObjectMapper json = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(DeserializationFeature.ADJUST_DATES_TO_CONTEXT_TIME_ZONE)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    private final JacksonSerializer serializer = JacksonSerializer.builder().objectMapper(json).build();
    private final EventUpcasterChain upcasters = new EventUpcasterChain(new PortfolioEntryRemovedUpcaster());

    @Test
    void aRevisionOneRowReadsAsRevisionTwoWithTheTenantItsMetadataNames() throws IOException {
        List<DomainEventMessage<?>> events = replay(fixtureRows());

        assertThat(events).extracting(event -> (Object) event.getPayload()).containsExactly(
                new PortfolioEntryRemoved("2b0f4a1e-6a51-4c1e-9a55-0d1f3c6b7e01", "ma", "e-education-1"),
                new PortfolioEntryRemoved("7c1d2e3f-4a5b-4c6d-8e9f-0a1b2c3d4e02", "wa", "e-training-3"));
        assertThat(events.get(0).getSequenceNumber()).isEqualTo(2);
        assertThat(events.get(0).getMetaData()).containsEntry("subject", "applicant-ma");
    }

    @Test
    void aRevisionTwoRowIsReadAsStored() throws IOException {
        PortfolioEntryRemoved current = new PortfolioEntryRemoved("app-9", "wa", "e-1");
        DomainEventData<byte[]> row = new GenericDomainEventEntry<>("Application", "app-9", 0, "event-9",
                "2026-06-01T10:00:00.000Z", PortfolioEntryRemoved.class.getName(), "2",
                json.writeValueAsBytes(current), json.writeValueAsBytes(java.util.Map.of("tenantId", "ma")));

        assertThat(replay(List.of(row))).extracting(event -> (Object) event.getPayload()).containsExactly(current);
    }

    private List<DomainEventData<byte[]>> fixtureRows() throws IOException {
        List<DomainEventData<byte[]>> rows = new ArrayList<>();
        for (JsonNode row : json.readTree(getClass().getResource("/event-fixtures/portfolio-entry-removed-v1.json"))) {
            rows.add(new GenericDomainEventEntry<>(row.get("type").asText(), row.get("aggregateIdentifier").asText(),
                    row.get("sequenceNumber").asLong(), row.get("eventIdentifier").asText(),
                    row.get("timeStamp").asText(), row.get("payloadType").asText(),
                    row.get("payloadRevision").isNull() ? null : row.get("payloadRevision").asText(),
                    json.writeValueAsBytes(row.get("payload")), json.writeValueAsBytes(row.get("metaData"))));
        }
        return rows;
    }

    private List<DomainEventMessage<?>> replay(List<DomainEventData<byte[]>> rows) {
        Stream<? extends DomainEventData<?>> stored = rows.stream();
        List<DomainEventMessage<?>> events = new ArrayList<>();
        EventStreamUtils.upcastAndDeserializeDomainEvents(stored, serializer, upcasters)
                .forEachRemaining(events::add);
        return events;
    }
}
