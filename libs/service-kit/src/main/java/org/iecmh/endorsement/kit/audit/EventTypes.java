package org.iecmh.endorsement.kit.audit;

import org.axonframework.config.AggregateConfiguration;
import org.axonframework.config.Configuration;
import org.axonframework.messaging.annotation.MessageHandlingMember;
import org.axonframework.modelling.command.inspection.AggregateModel;
import org.axonframework.modelling.command.inspection.AnnotatedAggregateMetaModelFactory;
import org.springframework.beans.factory.ObjectProvider;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

/**
 * The types of event an aggregate type of the service stores, by name as the audit API shows them: those its event
 * sourcing handlers take and those it names in {@link AlsoStores}. Read from the aggregates Axon knows, once per
 * type, so that a page filtering a history never keeps its own copy of the list.
 */
public class EventTypes {

    private final ObjectProvider<Configuration> axon;
    private final Map<String, List<String>> known = new ConcurrentHashMap<>();

    public EventTypes(ObjectProvider<Configuration> axon) {
        this.axon = axon;
    }

    /** The names of the event types stored under {@code aggregateType}, sorted; empty for a type not known here. */
    public List<String> of(String aggregateType) {
        return known.computeIfAbsent(aggregateType, type -> axon.getObject()
                .findModules(AggregateConfiguration.class).stream()
                .map(aggregate -> (AggregateModel<?>) AnnotatedAggregateMetaModelFactory
                        .inspectAggregate(aggregate.aggregateType()))
                .filter(model -> type.equals(model.type()))
                .flatMap(EventTypes::stored)
                .map(Class::getSimpleName)
                .distinct().sorted().toList());
    }

    private static Stream<Class<?>> stored(AggregateModel<?> model) {
        AlsoStores also = model.entityClass().getAnnotation(AlsoStores.class);
        return Stream.concat(model.allEventHandlers().values().stream().flatMap(List::stream)
                .map(MessageHandlingMember::payloadType), also == null ? Stream.empty() : Arrays.stream(also.value()));
    }
}
