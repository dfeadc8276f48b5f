package org.iecmh.endorsement.association.record;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.iecmh.endorsement.contracts.association.Association;
import org.iecmh.endorsement.contracts.association.Versioned;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * What a new version would change, and from when, without storing it: each setting that differs from the version it
 * follows (the one in force the day before it starts), the day it starts and the day the next version takes over
 * ({@code until}, null when none is planned). {@code replacesPlanned}: a version planned for the same day is replaced.
 */
public record PolicyPreview(PolicyPart part, LocalDate effectiveFrom, LocalDate until, boolean replacesPlanned,
                            List<Change> changes) {

    /** One setting: its path within the version, its value before and after (as JSON text, null when absent). */
    public record Change(String field, String before, String after) {
    }

    /** The preview of adding {@code version} to {@code part}; {@code InvalidAssociation} as adding it would be. */
    public static PolicyPreview of(Association record, PolicyPart part, Versioned version, LocalDate today,
                                   ObjectMapper json) {
        PolicyVersions.add(record, part, version, today);
        LocalDate from = version.effectiveFrom();
        boolean replaces = part.versions(record).stream().anyMatch(existing -> from.equals(existing.effectiveFrom()));
        Map<String, String> before = PolicyVersions.before(record, part, from)
                .map(previous -> flatten(json.valueToTree(previous))).orElse(Map.of());
        Map<String, String> after = flatten(json.valueToTree(version));
        TreeMap<String, String[]> fields = new TreeMap<>();
        before.forEach((field, value) -> fields.computeIfAbsent(field, f -> new String[2])[0] = value);
        after.forEach((field, value) -> fields.computeIfAbsent(field, f -> new String[2])[1] = value);
        List<Change> changes = new ArrayList<>();
        fields.forEach((field, values) -> {
            if (!"effectiveFrom".equals(field) && !Objects.equals(values[0], values[1])) {
                changes.add(new Change(field, values[0], values[1]));
            }
        });
        return new PolicyPreview(part, from, PolicyVersions.nextAfter(record, part, from).orElse(null), replaces,
                changes);
    }

    /** Each leaf of a JSON tree by its path ({@code registration.3}, {@code items[0].text}); nulls left out. */
    private static Map<String, String> flatten(JsonNode node) {
        Map<String, String> leaves = new TreeMap<>();
        flatten("", node, leaves);
        return leaves;
    }

    private static void flatten(String path, JsonNode node, Map<String, String> leaves) {
        if (node.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> fields = node.fields(); fields.hasNext(); ) {
                Map.Entry<String, JsonNode> field = fields.next();
                flatten(path.isEmpty() ? field.getKey() : path + "." + field.getKey(), field.getValue(), leaves);
            }
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                flatten(path + "[" + i + "]", node.get(i), leaves);
            }
        } else if (!node.isNull()) {
            leaves.put(path, node.asText());
        }
    }
}
