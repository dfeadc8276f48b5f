package org.iecmh.endorsement.application.review;

import org.iecmh.endorsement.contracts.Category;

import java.time.LocalDate;

/** {@code email} is the applicant's contact address, null for applications started before it was asked for. */
public record EndorsementGranted(String applicationId, String tenantId, String personId, String endorseeName,
                                 Category category, String endorsementNumber, LocalDate validThrough, String email) {
}
