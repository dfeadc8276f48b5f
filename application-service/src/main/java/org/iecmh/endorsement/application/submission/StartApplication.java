package org.iecmh.endorsement.application.submission;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.iecmh.endorsement.contracts.Category;

/** An applicant begins an application for one category; the tenant is the one the command is sent in. */
public record StartApplication(@TargetAggregateIdentifier String applicationId, String personId,
                               String applicantName, Category category) {
}
