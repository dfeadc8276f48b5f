package org.iecmh.endorsement.application.exam;

public record ExamScoreRecorded(String applicationId, String tenantId, int attempt, ExamPart part, String scorer,
                                int percent) {
}
