package org.iecmh.endorsement.application.requirements;

import org.iecmh.endorsement.kit.web.Phrase;

import java.util.List;

/**
 * One requirement, whether the portfolio meets it, and what it has or lacks: as phrases a page words in its reader's
 * language, and in English ({@code detail}).
 */
public record RequirementResult(String requirement, boolean met, String detail, List<Phrase> phrases) {

    public RequirementResult {
        phrases = List.copyOf(phrases);
    }

    static RequirementResult of(String requirement, boolean met, List<Phrase> phrases) {
        return new RequirementResult(requirement, met, Phrase.sentence(phrases), phrases);
    }

    static RequirementResult of(String requirement, boolean met, Phrase phrase) {
        return of(requirement, met, List.of(phrase));
    }
}
