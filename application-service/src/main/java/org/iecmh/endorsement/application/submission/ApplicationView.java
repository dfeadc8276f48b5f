package org.iecmh.endorsement.application.submission;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * An application as its applicant and the association's staff see it; {@code statusSince} is when it entered its
 * current state, and {@code reasons} are a denial's.
 */
public record ApplicationView(String applicationId, String tenantId, String personId, String applicantName,
                              String category, ApplicationStatus status, Instant statusSince, String invoiceId,
                              String endorsementNumber, LocalDate validThrough, List<String> reasons) {
}
