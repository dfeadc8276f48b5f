package org.iecmh.endorsement.bench;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The few things the benchmark reads from the platform's JSON answers (an id, a status, a count) and the one event it
 * writes. Flat string and number members only, found by name: enough for these answers, and no JSON library.
 */
final class Json {

    private Json() {
    }

    /** The first string member named {@code name}, unescaped only of \" and \\; null if there is none. */
    static String text(String json, String name) {
        Matcher m = Pattern.compile("\"" + Pattern.quote(name) + "\"\\s*:\\s*\"((?:[^\"\\\\]|\\\\.)*)\"")
                .matcher(json == null ? "" : json);
        return m.find() ? m.group(1).replace("\\\"", "\"").replace("\\\\", "\\") : null;
    }

    /** The first number member named {@code name}; null if there is none. */
    static Long number(String json, String name) {
        Matcher m = Pattern.compile("\"" + Pattern.quote(name) + "\"\\s*:\\s*(-?[0-9]+)").matcher(json == null ? "" : json);
        return m.find() ? Long.parseLong(m.group(1)) : null;
    }

    /** How many members are named {@code name}: the entries of a list answer. */
    static int count(String json, String name) {
        Matcher m = Pattern.compile("\"" + Pattern.quote(name) + "\"\\s*:").matcher(json == null ? "" : json);
        int count = 0;
        while (m.find()) {
            count++;
        }
        return count;
    }

    /** A JSON string literal, or null. */
    static String quote(String value) {
        if (value == null) {
            return "null";
        }
        StringBuilder out = new StringBuilder("\"");
        for (char c : value.toCharArray()) {
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.append('"').toString();
    }
}
