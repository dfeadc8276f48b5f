package org.iecmh.endorsement.application.review;

import java.util.List;

public record ReviewersAssigned(String applicationId, String tenantId, List<Reviewer> reviewers) {
}
