package org.iecmh.endorsement.application.submission;

import org.iecmh.endorsement.contracts.Category;

/** {@code contactEmail} and {@code stateOfResidence} are null in applications started before they were asked for. */
public record ApplicationStarted(String applicationId, String tenantId, String personId, String applicantName,
                                 Category category, String contactEmail, String stateOfResidence) {
}
