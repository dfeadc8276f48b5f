package org.iecmh.endorsement.kit.web;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * A sentence an API answers for a person to read, as a code with its values, so that a page words it in its reader's
 * language (the web application's catalogues hold {@code phrase.<code>} with {@code {name}} placeholders), and in
 * English ({@code text}) for any other client. A value is text, a list of codes (each worded by the catalogue's
 * {@code phrase.<code>.<item>}), or another phrase.
 */
public record Phrase(String code, Map<String, Object> values, String text) {

    public Phrase {
        values = values == null ? Map.of() : java.util.Collections.unmodifiableMap(new LinkedHashMap<>(values));
    }

    /** A phrase without values. */
    public static Phrase of(String code, String text) {
        return new Phrase(code, Map.of(), text);
    }

    /** A phrase with values given as name, value, name, value... in the order of the English text's placeholders. */
    public static Phrase of(String code, String text, Object... namesAndValues) {
        if (namesAndValues.length % 2 != 0) {
            throw new IllegalArgumentException("Values come as name, value pairs");
        }
        Map<String, Object> values = new LinkedHashMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            Object value = namesAndValues[i + 1];
            values.put((String) namesAndValues[i], value instanceof Enum<?> constant ? constant.name()
                    : value instanceof Phrase || value instanceof List<?> ? value : String.valueOf(value));
        }
        return new Phrase(code, values, text);
    }

    /** The English texts of several phrases, as one sentence. */
    public static String sentence(List<Phrase> phrases) {
        return phrases.stream().map(Phrase::text).collect(Collectors.joining("; "));
    }
}
