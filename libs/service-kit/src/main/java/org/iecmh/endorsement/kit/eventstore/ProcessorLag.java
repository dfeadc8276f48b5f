package org.iecmh.endorsement.kit.eventstore;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.event.ApplicationStartedEvent;
import org.springframework.context.ApplicationListener;

import java.util.Collection;
import java.util.OptionalLong;

/**
 * How far each tracking processor is behind the event store, as the gauge {@code axon.processor.lag} (Prometheus:
 * {@code axon_processor_lag_events}) with the processor's name: the stored events that the segments this instance
 * holds have not handled yet. Across instances, the largest value is the processor's lag. Registered once the
 * application has started, when Axon has built its processors.
 */
public class ProcessorLag implements ApplicationListener<ApplicationStartedEvent> {

    static final String METER = "axon.processor.lag";

    private final EventProcessingConfiguration processing;
    private final EventStore eventStore;
    private final ObjectProvider<MeterRegistry> registry;

    public ProcessorLag(EventProcessingConfiguration processing, EventStore eventStore,
                        ObjectProvider<MeterRegistry> registry) {
        this.processing = processing;
        this.eventStore = eventStore;
        this.registry = registry;
    }

    @Override
    public void onApplicationEvent(ApplicationStartedEvent event) {
        MeterRegistry meters = registry.getIfAvailable();
        if (meters == null) {
            return;
        }
        processing.eventProcessors().forEach((name, processor) -> {
            if (processor instanceof StreamingEventProcessor streaming) {
                Gauge.builder(METER, streaming, this::lag)
                        .tag("processor", name)
                        .baseUnit("events")
                        .description("Stored events the processor's segments on this instance have not handled yet")
                        .register(meters);
            }
        });
    }

    double lag(StreamingEventProcessor processor) {
        long head = position(eventStore.createHeadToken()).orElse(-1);
        Collection<EventTrackerStatus> segments = processor.processingStatus().values();
        long behind = 0;
        for (EventTrackerStatus segment : segments) {
            long at = segment.getCurrentPosition().orElse(-1);
            behind = Math.max(behind, head - at);
        }
        return behind;
    }

    private static OptionalLong position(TrackingToken token) {
        return token == null ? OptionalLong.empty() : token.position();
    }
}
