package org.iecmh.endorsement.kit.audit;

import org.axonframework.config.AggregateConfiguration;
import org.axonframework.config.Configuration;
import org.axonframework.messaging.annotation.MessageHandlingMember;
import org.axonframework.modelling.command.AggregateMember;
import org.axonframework.modelling.command.inspection.AggregateModel;
import org.axonframework.modelling.command.inspection.AnnotatedAggregateMetaModelFactory;
import org.springframework.beans.factory.ObjectProvider;

import java.lang.reflect.Field;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

/**
 * The types of event an aggregate type of the service stores, by name as the audit API shows them: those its event
 * sourcing handlers take (its members' included, {@code @AggregateMember}) and those it names in {@link AlsoStores}. Read from the aggregates Axon knows, once per
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
        return Stream.concat(handled(model), also == null ? Stream.empty() : Arrays.stream(also.value()));
    }

    /** The events an entity's event sourcing handlers take, and its members' (the model of a root lists its own). */
    private static Stream<Class<?>> handled(AggregateModel<?> model) {
        return Stream.concat(model.allEventHandlers().values().stream().flatMap(List::stream)
                        .map(MessageHandlingMember::payloadType),
                members(model.entityClass()).flatMap(member -> handled(
                        AnnotatedAggregateMetaModelFactory.inspectAggregate(member))));
    }

    /** The entity classes of a class's {@code @AggregateMember} fields: the field's type, or its elements' type. */
    private static Stream<Class<?>> members(Class<?> entity) {
        Stream.Builder<Class<?>> found = Stream.builder();
        for (Class<?> type = entity; type != null && type != Object.class; type = type.getSuperclass()) {
            for (Field field : type.getDeclaredFields()) {
                if (field.isAnnotationPresent(AggregateMember.class)) {
                    found.add(memberType(field));
                }
            }
        }
        return found.build();
    }

    private static Class<?> memberType(Field field) {
        Type generic = field.getGenericType();
        if ((Collection.class.isAssignableFrom(field.getType()) || Map.class.isAssignableFrom(field.getType()))
                && generic instanceof ParameterizedType parameterized) {
            Type[] arguments = parameterized.getActualTypeArguments();
            if (arguments[arguments.length - 1] instanceof Class<?> element) {
                return element;
            }
        }
        return field.getType();
    }
}
