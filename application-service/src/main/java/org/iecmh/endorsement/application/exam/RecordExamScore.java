package org.iecmh.endorsement.application.exam;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.LocalDate;

/**
 * One of the two assigned scorers scores one part of the current attempt, in whole percent, on {@code on} (the
 * association's day): never before the sitting.
 */
public record RecordExamScore(@TargetAggregateIdentifier String applicationId, ExamPart part, String scorer,
                              int percent, LocalDate on) {
}
