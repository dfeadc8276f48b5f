package org.iecmh.endorsement.application.submission;

import org.iecmh.endorsement.application.requirements.CategoryRequirements;

/** A returned portfolio is handed in again; it goes straight back to its reviewers, with no new fees. */
public record ApplicationResubmitted(String applicationId, String tenantId, CategoryRequirements requirements) {
}
