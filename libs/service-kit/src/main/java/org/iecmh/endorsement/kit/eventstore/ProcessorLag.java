package org.iecmh.endorsement.kit.eventstore;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventhandling.tokenstore.jdbc.TokenSchema;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.SimpleSerializedObject;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.event.ApplicationStartedEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.jdbc.core.JdbcTemplate;

import java.util.List;

/**
 * How far each tracking processor is behind the event store, as the gauge {@code axon.processor.lag} (Prometheus:
 * {@code axon_processor_lag_events}) with the processor's name: the stored events beyond the position of its
 * furthest-behind segment. It is read from the token store, not from the processor in this JVM, so every instance
 * reports the same number, and a processor that runs nowhere (stopped, or never started) shows its lag growing
 * instead of nothing.
 */
public class ProcessorLag implements ApplicationListener<ApplicationStartedEvent> {

    static final String METER = "axon.processor.lag";

    private final EventProcessingConfiguration processing;
    private final EventStore eventStore;
    private final JdbcTemplate jdbc;
    private final TokenSchema tokens;
    private final Serializer serializer;
    private final ObjectProvider<MeterRegistry> registry;

    public ProcessorLag(EventProcessingConfiguration processing, EventStore eventStore, JdbcTemplate jdbc,
                        TokenSchema tokens, Serializer serializer, ObjectProvider<MeterRegistry> registry) {
        this.processing = processing;
        this.eventStore = eventStore;
        this.jdbc = jdbc;
        this.tokens = tokens;
        this.serializer = serializer;
        this.registry = registry;
    }

    /** Registered once the application has started, when Axon has built its processors. */
    @Override
    public void onApplicationEvent(ApplicationStartedEvent event) {
        MeterRegistry meters = registry.getIfAvailable();
        if (meters == null) {
            return;
        }
        processing.eventProcessors().forEach((name, processor) -> {
            if (processor instanceof StreamingEventProcessor) {
                Gauge.builder(METER, () -> lag(name))
                        .tag("processor", name)
                        .baseUnit("events")
                        .description("Stored events the tracking processor has not handled yet")
                        .register(meters);
            }
        });
    }

    /** The events after the furthest-behind segment's position; all of them while the processor has no token. */
    long lag(String processor) {
        long head = position(eventStore.createHeadToken());
        List<Long> segments = jdbc.query("SELECT " + tokens.tokenColumn() + ", " + tokens.tokenTypeColumn()
                        + " FROM " + tokens.tokenTable() + " WHERE " + tokens.processorNameColumn() + " = ?",
                (row, i) -> position(token(row.getBytes(1), row.getString(2))), processor);
        long behind = segments.isEmpty() ? head : 0;
        for (long at : segments) {
            behind = Math.max(behind, head - at);
        }
        return behind;
    }

    private TrackingToken token(byte[] serialized, String type) {
        if (serialized == null || type == null) {
            return null;
        }
        return serializer.deserialize(new SimpleSerializedObject<>(serialized, byte[].class, type, null));
    }

    /** The global index a token stands at; 0 before the first event (the event store counts from 1). */
    private static long position(TrackingToken token) {
        return token == null ? 0 : token.position().orElse(0);
    }
}
