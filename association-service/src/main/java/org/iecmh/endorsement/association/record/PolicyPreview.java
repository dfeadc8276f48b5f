package org.iecmh.endorsement.association.record;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.iecmh.endorsement.contracts.Category;
import org.iecmh.endorsement.contracts.association.Association;
import org.iecmh.endorsement.contracts.association.RequirementRule;
import org.iecmh.endorsement.contracts.association.RequirementVersion;
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
 * follows (the one in force the day before it starts; for requirements, each category's requirements in force then),
 * the day it starts and the day the next version takes over ({@code until}, null when none is planned).
 * {@code replacesPlanned}: a version planned for the same day is replaced.
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
        Map<String, String> before;
        Map<String, String> after;
        if (version instanceof RequirementVersion requirements) {
            before = new TreeMap<>();
            after = new TreeMap<>();
            requirementsByCategory(record, requirements, from, json, before, after);
        } else {
            before = PolicyVersions.before(record, part, from).map(previous -> flatten(json.valueToTree(previous)))
                    .orElse(Map.of());
            after = flatten(json.valueToTree(version));
        }
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

    /**
     * A requirements version restates the categories it changes, and each category follows the latest version that
     * states it: so each category it states is compared with that category's requirements in force the day before
     * (whichever version stated them), its settings named {@code <category>.<setting>} ({@code IMHM-C.trainingHours}).
     */
    private static void requirementsByCategory(Association record, RequirementVersion version, LocalDate from,
                                               ObjectMapper json, Map<String, String> before,
                                               Map<String, String> after) {
        for (RequirementRule rule : version.rules()) {
            for (String category : rule.categories()) {
                after.putAll(prefixed(category, ruleSettings(rule, json)));
                if (Category.isKnown(category)) {
                    try {
                        before.putAll(prefixed(category, ruleSettings(
                                record.requirementsOn(Category.fromAbbreviation(category), from.minusDays(1)), json)));
                    } catch (IllegalStateException noneInForce) {
                        // Stated for the first time: every setting is new.
                    }
                }
            }
        }
    }

    private static Map<String, String> ruleSettings(RequirementRule rule, ObjectMapper json) {
        ObjectNode settings = json.valueToTree(rule);
        settings.remove("categories");
        return flatten(settings);
    }

    private static Map<String, String> prefixed(String prefix, Map<String, String> leaves) {
        Map<String, String> named = new TreeMap<>();
        leaves.forEach((field, value) -> named.put(prefix + "." + field, value));
        return named;
    }

    /**
     * Each leaf of a JSON tree by its path ({@code registration.3}, {@code items[0].text}), a list of values as one
     * leaf; nulls and empty lists left out.
     */
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
        } else if (node.isArray() && node.size() > 0 && allScalar(node)) {
            // A list of values is one setting ("60, 30, 7"); a list of words is a set, compared in any order.
            List<String> values = new ArrayList<>();
            node.forEach(value -> values.add(text(value)));
            if (allText(node)) {
                values.sort(null);
            }
            leaves.put(path, String.join(", ", values));
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                flatten(path + "[" + i + "]", node.get(i), leaves);
            }
        } else if (!node.isNull()) {
            leaves.put(path, text(node));
        }
    }

    /** A value as text; a number in plain digits, 30 and 30.0 alike ("30"). */
    private static String text(JsonNode value) {
        return value.isNumber() ? value.decimalValue().stripTrailingZeros().toPlainString() : value.asText();
    }

    private static boolean allScalar(JsonNode array) {
        for (JsonNode value : array) {
            if (value.isContainerNode() || value.isNull()) {
                return false;
            }
        }
        return true;
    }

    private static boolean allText(JsonNode array) {
        for (JsonNode value : array) {
            if (!value.isTextual()) {
                return false;
            }
        }
        return true;
    }
}
