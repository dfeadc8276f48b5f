package org.iecmh.endorsement.kit.eventstore;

import org.axonframework.eventhandling.EventBus;
import org.axonframework.eventsourcing.EventSourcedAggregate;
import org.axonframework.eventsourcing.GenericAggregateFactory;
import org.axonframework.eventsourcing.NoSnapshotTriggerDefinition;
import org.axonframework.eventsourcing.eventstore.DomainEventStream;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.messaging.ResultMessage;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.axonframework.modelling.command.inspection.AggregateModel;
import org.axonframework.modelling.command.inspection.AnnotatedAggregateMetaModelFactory;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.Serializer;

/**
 * An aggregate rebuilt outside any command, the way the repository rebuilds it: from its snapshot and the events
 * after it, or from every event. The two must agree; a snapshot that does not is a bug this makes visible.
 */
public final class AggregateReplay {

    private AggregateReplay() {
    }

    /** The aggregate as its latest snapshot and the events after it make it (every event if it has no snapshot). */
    public static <T> T fromSnapshot(EventStore eventStore, Class<T> type, String aggregateId) {
        return replay(type, aggregateId, eventStore.readEvents(aggregateId));
    }

    /** The aggregate as every one of its events makes it, ignoring snapshots. */
    public static <T> T fromEveryEvent(EventStore eventStore, Class<T> type, String aggregateId) {
        return replay(type, aggregateId, eventStore.readEvents(aggregateId, 0));
    }

    /** The aggregate after a round trip through the JSON its snapshots are stored as. */
    public static <T> T throughSnapshot(Serializer snapshotSerializer, T aggregate) {
        SerializedObject<byte[]> snapshot = snapshotSerializer.serialize(aggregate, byte[].class);
        return snapshotSerializer.deserialize(snapshot);
    }

    private static <T> T replay(Class<T> type, String aggregateId, DomainEventStream events) {
        AggregateModel<T> model = AnnotatedAggregateMetaModelFactory.inspectAggregate(type);
        ResultMessage<T> result = DefaultUnitOfWork.startAndGet(null).executeWithResult(() -> {
            T root = new GenericAggregateFactory<>(model).createAggregateRoot(aggregateId, events.peek());
            EventSourcedAggregate<T> aggregate = EventSourcedAggregate.initialize(root, model, (EventBus) null,
                    NoSnapshotTriggerDefinition.TRIGGER);
            aggregate.initializeState(events);
            return aggregate.getAggregateRoot();
        });
        if (result.isExceptional()) {
            throw new IllegalStateException("Cannot replay " + type.getSimpleName() + " " + aggregateId,
                    result.exceptionResult());
        }
        return result.getPayload();
    }
}
