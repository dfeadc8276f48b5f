package org.iecmh.endorsement.application.references;

import java.util.Map;

/**
 * A rater's completed form: how long they have known the applicant, and per item of the form's version an answer
 * {@code "1"} to {@code "5"} or {@link #NOT_ENOUGH_INFORMATION}.
 */
public record Rating(int formVersion, int knownForMonths, Map<String, String> answers, String comments) {

    public static final String NOT_ENOUGH_INFORMATION = "NOT_ENOUGH_INFORMATION";

    public Rating {
        answers = Map.copyOf(answers);
    }

    public static boolean isAnswer(String value) {
        return NOT_ENOUGH_INFORMATION.equals(value) || (value != null && value.matches("[1-5]"));
    }

    public int notEnoughInformation() {
        return (int) answers.values().stream().filter(NOT_ENOUGH_INFORMATION::equals).count();
    }
}
