package org.iecmh.endorsement.application.portfolio;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

public record RemovePortfolioEntry(@TargetAggregateIdentifier String applicationId, String entryId) {
}
