package org.iecmh.endorsement.application.exam;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** One of two blind scorers scores one part of the current attempt, in whole percent. */
public record RecordExamScore(@TargetAggregateIdentifier String applicationId, ExamPart part, String scorer,
                              int percent) {
}
