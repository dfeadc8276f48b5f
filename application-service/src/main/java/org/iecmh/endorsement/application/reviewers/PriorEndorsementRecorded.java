package org.iecmh.endorsement.application.reviewers;

import org.iecmh.endorsement.contracts.Category;

import java.time.LocalDate;

public record PriorEndorsementRecorded(String endorsementNumber, String tenantId, String subject, String name,
                                       Category category, LocalDate endorsedSince) {
}
