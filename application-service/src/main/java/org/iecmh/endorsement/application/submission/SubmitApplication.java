package org.iecmh.endorsement.application.submission;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

public record SubmitApplication(@TargetAggregateIdentifier String applicationId) {
}
