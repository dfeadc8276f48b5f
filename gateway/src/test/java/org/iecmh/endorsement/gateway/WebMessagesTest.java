package org.iecmh.endorsement.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The web application speaks every language it offers in full: each message catalogue has the same keys in English
 * and Spanish, and every key a page or script names literally is in some catalogue.
 */
class WebMessagesTest {

    private static final Path STATIC = Path.of("src/main/resources/static");
    private static final Pattern MARKUP_KEY = Pattern.compile("data-i18n=\"([^\"]+)\"");
    private static final Pattern ATTRIBUTE_KEYS = Pattern.compile("data-i18n-attr=\"([^\"]+)\"");
    private static final Pattern SCRIPT_KEY = Pattern.compile("\\bt\\('([A-Za-z0-9_.-]+)'");

    @Test
    void everyCatalogueHasTheSameKeysInEnglishAndSpanish() throws IOException {
        List<Path> english = catalogues().filter(path -> path.getFileName().toString().matches("(.+\\.)?en\\.json"))
                .toList();
        assertThat(english).isNotEmpty();
        for (Path catalogue : english) {
            Path spanish = catalogue.resolveSibling(catalogue.getFileName().toString().replaceAll("en\\.json$",
                    "es.json"));
            assertThat(spanish).as("the Spanish of " + catalogue.getFileName()).exists();
            Set<String> missingInSpanish = new TreeSet<>(keys(catalogue));
            missingInSpanish.removeAll(keys(spanish));
            Set<String> missingInEnglish = new TreeSet<>(keys(spanish));
            missingInEnglish.removeAll(keys(catalogue));
            assertThat(missingInSpanish).as("keys of %s missing in %s", catalogue.getFileName(),
                    spanish.getFileName()).isEmpty();
            assertThat(missingInEnglish).as("keys of %s missing in %s", spanish.getFileName(),
                    catalogue.getFileName()).isEmpty();
        }
    }

    @Test
    void everyKeyThePagesAndScriptsNameIsInACatalogue() throws IOException {
        Set<String> known = new HashSet<>();
        for (Path catalogue : catalogues().toList()) {
            known.addAll(keys(catalogue));
        }
        List<String> unknown = new ArrayList<>();
        try (Stream<Path> files = Files.walk(STATIC)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                String name = file.getFileName().toString();
                String text = Files.readString(file);
                Set<String> named = new TreeSet<>();
                if (name.endsWith(".html")) {
                    matches(MARKUP_KEY, text).forEach(named::add);
                    matches(ATTRIBUTE_KEYS, text).forEach(pairs -> {
                        for (String pair : pairs.split(";")) {
                            named.add(pair.substring(pair.indexOf(':') + 1).trim());
                        }
                    });
                } else if (name.endsWith(".js")) {
                    matches(SCRIPT_KEY, text).forEach(named::add);
                }
                named.stream().filter(key -> !known.contains(key)).forEach(key -> unknown.add(name + ": " + key));
            }
        }
        assertThat(unknown).as("message keys in no catalogue").isEmpty();
    }

    private static Stream<Path> catalogues() throws IOException {
        try (Stream<Path> files = Files.list(STATIC.resolve("i18n"))) {
            return files.filter(path -> path.toString().endsWith(".json")).sorted().toList().stream();
        }
    }

    private static Set<String> keys(Path catalogue) throws IOException {
        JsonNode messages = new ObjectMapper().readTree(catalogue.toFile());
        Set<String> keys = new TreeSet<>();
        messages.fieldNames().forEachRemaining(keys::add);
        return keys;
    }

    private static List<String> matches(Pattern pattern, String text) {
        List<String> found = new ArrayList<>();
        Matcher matcher = pattern.matcher(text);
        while (matcher.find()) {
            found.add(matcher.group(1));
        }
        return found;
    }
}
