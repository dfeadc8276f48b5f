package org.iecmh.endorsement.application.references;

import org.iecmh.endorsement.contracts.association.References;
import org.iecmh.endorsement.kit.web.Phrase;

/**
 * When a completed rating counts (tenant policy; docs/architecture.md, Domain rules): the rater has known the applicant at least
 * {@code minimumKnownMonths}, and fewer than {@code notEnoughInformationLimit} items are "not enough information".
 */
public record ReferenceRules(int minimumKnownMonths, int notEnoughInformationLimit) {

    /** The rules an association's record states. */
    public static ReferenceRules of(References references) {
        return new ReferenceRules(references.knownMonths(), references.notEnoughInformationAllowed());
    }

    private static final String[] NUMBERS = {"zero", "one", "two", "three", "four", "five", "six", "seven", "eight",
            "nine", "ten", "eleven", "twelve"};

    /** Why the rating does not count, or null when it does. */
    public Phrase whyNotCounted(Rating rating) {
        if (rating.knownForMonths() < minimumKnownMonths) {
            return Phrase.of("rater-known-too-briefly", "known less than " + duration(), "months", minimumKnownMonths);
        }
        if (rating.notEnoughInformation() >= notEnoughInformationLimit) {
            return Phrase.of("rating-not-enough-information", number(notEnoughInformationLimit)
                    + " or more items answered not enough information", "items", notEnoughInformationLimit);
        }
        return null;
    }

    private String duration() {
        if (minimumKnownMonths == 12) {
            return "a year";
        }
        return minimumKnownMonths % 12 == 0 ? (minimumKnownMonths / 12) + " years" : minimumKnownMonths + " months";
    }

    private static String number(int n) {
        return n >= 0 && n < NUMBERS.length ? NUMBERS[n] : String.valueOf(n);
    }
}
