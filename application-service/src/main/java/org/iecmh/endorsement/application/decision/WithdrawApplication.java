package org.iecmh.endorsement.application.decision;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** The applicant stops; fees paid stay with the association (payment-service keeps the refund rules). */
public record WithdrawApplication(@TargetAggregateIdentifier String applicationId, String reason) {
}
