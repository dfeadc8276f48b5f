package org.iecmh.endorsement.application.review;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.util.List;

/** An assigned reviewer records a recommendation; a reviewer may revise it until both agree. */
public record RecordReview(@TargetAggregateIdentifier String applicationId, String reviewer, ReviewDecision decision,
                           List<SectionComment> comments) {
}
