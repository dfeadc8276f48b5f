package org.iecmh.endorsement.payment.receipts;

import org.iecmh.endorsement.kit.web.Phrase;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The words of a receipt in one of the languages the platform speaks ({@code receipts/receipt.<language>.properties}):
 * its labels, the invoice's status, and each fee line worded by its phrase's code as the web application words it,
 * the line's English text where the catalogue has no such code.
 */
final class ReceiptWords {

    /** The languages receipts are written in; the first is the one for any other. */
    static final List<String> LANGUAGES = List.of("en", "es");

    private static final Pattern PLACEHOLDER = Pattern.compile("\\{([A-Za-z]+)}");
    private static final Map<String, ReceiptWords> BY_LANGUAGE = Map.of("en", load("en"), "es", load("es"));

    private final Locale locale;
    private final Properties words;

    private ReceiptWords(Locale locale, Properties words) {
        this.locale = locale;
        this.words = words;
    }

    /** The words of {@code language} (a language tag such as {@code es} or {@code es-MX}); English for any other. */
    static ReceiptWords in(String language) {
        String code = language == null ? "" : Locale.forLanguageTag(language.strip()).getLanguage();
        return BY_LANGUAGE.getOrDefault(code, BY_LANGUAGE.get(LANGUAGES.get(0)));
    }

    /** The first language of an {@code Accept-Language} header that receipts are written in; null if none. */
    static String preferred(String acceptLanguage) {
        if (acceptLanguage == null || acceptLanguage.isBlank()) {
            return null;
        }
        try {
            return Locale.LanguageRange.parse(acceptLanguage).stream()
                    .map(range -> range.getRange().split("-")[0].toLowerCase(Locale.ROOT))
                    .filter(LANGUAGES::contains).findFirst().orElse(null);
        } catch (IllegalArgumentException malformed) {
            return null;
        }
    }

    Locale locale() {
        return locale;
    }

    /** The label {@code key} with its placeholders filled by {@code namesAndValues} (name, value, ...). */
    String say(String key, String... namesAndValues) {
        Map<String, String> values = new HashMap<>();
        for (int i = 0; i + 1 < namesAndValues.length; i += 2) {
            values.put(namesAndValues[i], namesAndValues[i + 1]);
        }
        return fill(require(key), values);
    }

    /** A fee line's words: its phrase as the catalogue words it, or its English text. */
    String phrase(Phrase phrase) {
        String pattern = words.getProperty("phrase." + phrase.code());
        if (pattern == null || phrase.values().values().stream().anyMatch(value -> !(value instanceof String))) {
            return phrase.text();
        }
        Map<String, String> values = new HashMap<>();
        phrase.values().forEach((name, value) -> values.put(name, (String) value));
        return fill(pattern, values);
    }

    /** The invoice's status in words; the code itself for a status this catalogue does not know. */
    String status(String status) {
        return words.getProperty("status." + status, status);
    }

    /** A date as people of this language write it in full (December 3, 2026; 3 de diciembre de 2026). */
    String date(LocalDate date) {
        return DateTimeFormatter.ofLocalizedDate(FormatStyle.LONG).withLocale(locale).format(date);
    }

    private String require(String key) {
        String value = words.getProperty(key);
        if (value == null) {
            throw new IllegalStateException("The receipt's words in " + locale + " have no " + key);
        }
        return value;
    }

    private static String fill(String pattern, Map<String, String> values) {
        Matcher placeholder = PLACEHOLDER.matcher(pattern);
        StringBuilder filled = new StringBuilder();
        while (placeholder.find()) {
            String value = values.get(placeholder.group(1));
            placeholder.appendReplacement(filled, Matcher.quoteReplacement(value == null ? placeholder.group()
                    : value));
        }
        placeholder.appendTail(filled);
        return filled.toString();
    }

    private static ReceiptWords load(String language) {
        String resource = "/receipts/receipt." + language + ".properties";
        Properties words = new Properties();
        try (InputStream in = ReceiptWords.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException(resource + " is missing");
            }
            words.load(new InputStreamReader(in, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new ReceiptWords(Locale.forLanguageTag(language), words);
    }
}
