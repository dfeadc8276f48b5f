package org.iecmh.endorsement.kit.web;

import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.media.Schema;
import org.springdoc.core.customizers.OpenApiCustomizer;

import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The APIs' descriptions say what the servers accept: a property that a request or an answer does not require may be
 * sent, or come back, as {@code null} (a Java record's component is null when it is absent), so its schema admits
 * {@code null} beside its type (OpenAPI 3.1: {@code "type": ["string", "null"]}; a reference, {@code anyOf} it or
 * {@code null}). Without it, the association's whole record, whose optional parts are null, did not fit its own
 * description.
 */
final class OptionalMayBeNull implements OpenApiCustomizer {

    private static final String NULL = "null";

    @Override
    public void customise(OpenAPI openApi) {
        if (openApi.getComponents() == null || openApi.getComponents().getSchemas() == null) {
            return;
        }
        Set<Schema<?>> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        openApi.getComponents().getSchemas().values().forEach(schema -> visit(schema, seen));
    }

    @SuppressWarnings({"rawtypes", "unchecked"})
    private static void visit(Schema<?> schema, Set<Schema<?>> seen) {
        if (schema == null || !seen.add(schema)) {
            return;
        }
        Map<String, Schema> properties = schema.getProperties();
        if (properties != null) {
            List<String> required = schema.getRequired() == null ? List.of() : schema.getRequired();
            properties.replaceAll((name, property) -> {
                visit(property, seen);
                return required.contains(name) ? property : mayBeNull(property);
            });
        }
        visit(schema.getItems(), seen);
        if (schema.getAdditionalProperties() instanceof Schema<?> values) {
            visit(values, seen);
        }
        for (List<Schema> parts : List.of(nonNull(schema.getAllOf()), nonNull(schema.getAnyOf()),
                nonNull(schema.getOneOf()))) {
            parts.forEach(part -> visit(part, seen));
        }
    }

    @SuppressWarnings({"rawtypes", "unchecked"})
    private static Schema mayBeNull(Schema property) {
        if (property.get$ref() != null) {
            Schema nothing = new Schema<>();
            nothing.addType(NULL);
            return new Schema<>().anyOf(List.of(property, nothing));
        }
        if (property.getTypes() != null && !property.getTypes().isEmpty()) {
            property.addType(NULL);
            if (property.getEnum() != null && !property.getEnum().contains(null)) {
                property.addEnumItemObject(null);
            }
        }
        return property;
    }

    @SuppressWarnings("rawtypes")
    private static List<Schema> nonNull(List<Schema> schemas) {
        return schemas == null ? List.of() : schemas;
    }
}
