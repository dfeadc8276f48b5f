package org.iecmh.endorsement.application.review;

import java.util.List;

public record ReviewRecorded(String applicationId, String tenantId, String reviewer, ReviewDecision decision,
                             List<SectionComment> comments) {
}
