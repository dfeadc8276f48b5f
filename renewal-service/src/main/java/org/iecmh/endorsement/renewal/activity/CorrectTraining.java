package org.iecmh.endorsement.renewal.activity;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.math.BigDecimal;
import java.time.LocalDate;

/**
 * The endorsee corrects a logged training. {@code onlyIfRecorded} for the person's other endorsements, which need not
 * hold the entry (one granted after it was logged does not); the endorsement the endorsee named must hold it.
 * {@code today} as in {@link RecordTraining}.
 */
public record CorrectTraining(@TargetAggregateIdentifier String endorsementNumber, String entryId, String title,
                              LocalDate attendedOn, BigDecimal hours, BigDecimal deiHours, boolean onlyIfRecorded,
                              LocalDate today) {
}
