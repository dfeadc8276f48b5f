package org.iecmh.endorsement.kit.readmodel;

import org.axonframework.eventhandling.AnnotationEventHandlerAdapter;
import org.axonframework.eventhandling.EventMessage;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The event handlers of a read model's projections, for replaying events into them outside a processor (a rebuild,
 * a state at a point in time). Which projections handle an event is worked out once per payload type, not for every
 * event: a projection's handlers are chosen by the type of the event they take (none requires a metadata value), and
 * each projection still picks its own handler method when it is handed the event. Thread-safe.
 * <p>
 * Events are handed over without a unit of work around each: the projections take nothing from one (their
 * parameters are the message's payload, timestamp, identifiers and metadata, and beans), and the unit of work, with
 * the result message it makes and the random identifier that message gets, cost about a sixth of a replay.
 */
public final class ProjectionHandlers {

    private final List<AnnotationEventHandlerAdapter> adapters;
    private final Map<Class<?>, List<AnnotationEventHandlerAdapter>> byPayloadType = new ConcurrentHashMap<>();

    public ProjectionHandlers(List<Object> projections) {
        this.adapters = projections.stream().map(AnnotationEventHandlerAdapter::new).toList();
    }

    /** The projections that handle events of {@code event}'s payload type, in the read model's order; often none. */
    public List<AnnotationEventHandlerAdapter> of(EventMessage<?> event) {
        return byPayloadType.computeIfAbsent(event.getPayloadType(),
                type -> adapters.stream().filter(adapter -> adapter.canHandle(event)).toList());
    }

    /** Hands {@code event} to each projection that handles it, in order, in the caller's transaction. */
    public void handle(EventMessage<?> event) {
        for (AnnotationEventHandlerAdapter adapter : of(event)) {
            try {
                adapter.handle(event);
            } catch (Exception e) {
                throw new IllegalStateException("Replaying " + event.getIdentifier() + " failed", e);
            }
        }
    }
}
