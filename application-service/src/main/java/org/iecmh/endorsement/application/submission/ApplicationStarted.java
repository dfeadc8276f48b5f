package org.iecmh.endorsement.application.submission;

import org.iecmh.endorsement.contracts.Category;

public record ApplicationStarted(String applicationId, String tenantId, String personId, String applicantName,
                                 Category category) {
}
