package org.iecmh.endorsement.application.review;

import org.iecmh.endorsement.contracts.Category;

import java.time.LocalDate;

public record EndorsementGranted(String applicationId, String tenantId, String personId, String endorseeName,
                                 Category category, String endorsementNumber, LocalDate validThrough) {
}
