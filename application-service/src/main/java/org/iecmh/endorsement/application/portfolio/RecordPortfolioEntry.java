package org.iecmh.endorsement.application.portfolio;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

public record RecordPortfolioEntry(@TargetAggregateIdentifier String applicationId, String entryId,
                                   PortfolioEntry entry) {
}
