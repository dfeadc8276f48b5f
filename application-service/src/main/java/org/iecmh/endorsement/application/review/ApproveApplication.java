package org.iecmh.endorsement.application.review;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.LocalDate;

/** A coordinator approves; the endorsement is granted under the given number until the given date. */
public record ApproveApplication(@TargetAggregateIdentifier String applicationId, String endorsementNumber,
                                 LocalDate validThrough) {
}
