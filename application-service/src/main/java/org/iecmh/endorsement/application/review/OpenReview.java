package org.iecmh.endorsement.application.review;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** The fees are paid: the application goes to the association's reviewers. */
public record OpenReview(@TargetAggregateIdentifier String applicationId, String invoiceId) {
}
