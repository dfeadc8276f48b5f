package org.iecmh.endorsement.application.submission;

import java.time.LocalDate;

/** An application as its applicant and the association's staff see it. */
public record ApplicationView(String applicationId, String tenantId, String personId, String applicantName,
                              String category, ApplicationStatus status, String invoiceId,
                              String endorsementNumber, LocalDate validThrough) {
}
