package org.iecmh.endorsement.application.comments;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.iecmh.endorsement.application.review.Section;

/** The applicant or the association's staff write about one section of the application. */
public record CommentOnSection(@TargetAggregateIdentifier String applicationId, String commentId, Section section,
                               String text) {
}
