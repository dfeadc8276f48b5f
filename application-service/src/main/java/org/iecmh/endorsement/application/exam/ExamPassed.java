package org.iecmh.endorsement.application.exam;

import java.util.Map;

/** Every part reached the pass mark (each part's score is the mean of its two scorers'). */
public record ExamPassed(String applicationId, String tenantId, int attempt, Map<ExamPart, Double> partScores) {
}
