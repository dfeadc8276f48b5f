package org.iecmh.endorsement.application.exam;

import java.time.LocalDate;
import java.util.List;

public record ExamScheduled(String applicationId, String tenantId, int attempt, LocalDate sittingOn,
                            List<ExamPart> parts, int passPercent, int retakeAfterMonths) {
}
