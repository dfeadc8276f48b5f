package org.iecmh.endorsement.application.exam;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.LocalDate;

/** A coordinator books the candidate into a sitting, under the association's pass mark and retake interval. */
public record ScheduleExam(@TargetAggregateIdentifier String applicationId, LocalDate sittingOn, int passPercent,
                           int retakeAfterMonths) {
}
