package org.iecmh.endorsement.contracts.association;

import java.time.Duration;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * How an association collects references: how long a rater's link works ({@code linkLifetime}, ISO-8601 such as
 * {@code P30D}; 30 days when left out), when a rating counts (the rater has known the applicant at least
 * {@code minimumKnownMonths}, 12 by default, and answered "not enough information" fewer than
 * {@code notEnoughInformationLimit} times, 6 by default), and its rating form in versions.
 */
public record References(String linkLifetime, Integer minimumKnownMonths, Integer notEnoughInformationLimit,
                         List<RatingForm> forms) {

    public References {
        forms = forms == null ? List.of() : List.copyOf(forms);
    }

    public Duration lifetime() {
        return linkLifetime == null ? Duration.ofDays(30) : Duration.parse(linkLifetime);
    }

    public int knownMonths() {
        return minimumKnownMonths == null ? 12 : minimumKnownMonths;
    }

    public int notEnoughInformationAllowed() {
        return notEnoughInformationLimit == null ? 6 : notEnoughInformationLimit;
    }

    /** The latest version of the form. */
    public RatingForm currentForm() {
        return forms.stream().max(Comparator.comparing(RatingForm::version)).orElseThrow();
    }

    public RatingForm form(int version) {
        return forms.stream().filter(form -> form.version() == version).findFirst()
                .orElseThrow(() -> new IllegalStateException("No rating form version " + version));
    }

    /**
     * One version of the rating form, in use from {@code effectiveFrom}: items the rater answers 1 to 5 or "not
     * enough information". A rater answers the latest version at the time they were named.
     */
    public record RatingForm(Integer version, java.time.LocalDate effectiveFrom, List<RatingItem> items)
            implements Versioned {
        public RatingForm {
            items = items == null ? List.of() : List.copyOf(items);
        }
    }

    /**
     * An item of the form: its {@code text} in English, and in {@code translations} the same text in the platform's
     * other languages ({@link Association#LANGUAGES}), by language code; a language without one reads the English.
     */
    public record RatingItem(String id, String text, Map<String, String> translations) {

        public RatingItem {
            // Kept as given, a blank or empty one too, so that the association's check names it.
            translations = translations == null ? Map.of() : Collections.unmodifiableMap(new TreeMap<>(translations));
        }

        public RatingItem(String id, String text) {
            this(id, text, null);
        }

        /** The item's text in the language, the English where the association gave none. */
        public String textIn(String language) {
            String translated = translations.get(language);
            return translated == null || translated.isBlank() ? text : translated;
        }
    }
}
