package org.iecmh.endorsement.application.comments;

import org.iecmh.endorsement.application.review.Section;

/** Who wrote is in the event's metadata (subject and role), as for every event. */
public record SectionCommented(String applicationId, String tenantId, String commentId, Section section,
                               String text) {
}
