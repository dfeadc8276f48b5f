package org.iecmh.endorsement.application.submission;

import org.iecmh.endorsement.application.requirements.CategoryRequirements;
import org.iecmh.endorsement.application.requirements.JudgedBy;

/**
 * A returned portfolio is handed in again; it goes straight back to its reviewers, with no new fees. {@code judgedBy}
 * as in {@link ApplicationSubmitted}.
 */
public record ApplicationResubmitted(String applicationId, String tenantId, CategoryRequirements requirements,
                                     JudgedBy judgedBy) {
}
