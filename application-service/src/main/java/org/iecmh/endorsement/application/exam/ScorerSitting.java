package org.iecmh.endorsement.application.exam;

import java.time.LocalDate;
import java.util.List;

/**
 * A sitting as one of its scorers sees it: the candidate's code, never their name; {@code scoredParts} are the parts
 * this scorer has scored.
 */
public record ScorerSitting(String candidateCode, String category, int attempt, LocalDate sittingOn,
                            List<ExamPart> parts, List<ExamPart> scoredParts) {
}
