package org.iecmh.endorsement.application.review;

import java.util.List;

/** Both reviewers defer: the portfolio goes back to the applicant with every comment they made. */
public record ApplicationReturned(String applicationId, String tenantId, List<SectionComment> comments) {
}
