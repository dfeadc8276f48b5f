package org.iecmh.endorsement.application.exam;

import java.time.LocalDate;
import java.util.Map;

/** A part fell short; the candidate may sit the exam again from {@code retakeFrom}. */
public record ExamFailed(String applicationId, String tenantId, int attempt, Map<ExamPart, Double> partScores,
                         LocalDate retakeFrom) {
}
