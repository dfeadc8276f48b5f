package org.iecmh.endorsement.application.review;

/** Both reviewers approve: the application can be granted (after the exam, for categories with one). */
public record PortfolioApproved(String applicationId, String tenantId) {
}
