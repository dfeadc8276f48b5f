package org.iecmh.endorsement.application.decision;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.util.List;

/** The association decides against the application, and says why. */
public record DenyApplication(@TargetAggregateIdentifier String applicationId, List<String> reasons) {
}
