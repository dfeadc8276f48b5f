package org.iecmh.endorsement.renewal.activity;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.math.BigDecimal;
import java.time.LocalDate;

/**
 * The endorsee corrects a logged session; {@code provider} as in {@link RecordReflectiveSupervision}, on the corrected
 * date, and {@code onlyIfRecorded} and {@code today} as in {@link CorrectTraining}.
 */
public record CorrectReflectiveSupervision(@TargetAggregateIdentifier String endorsementNumber, String entryId,
                                           String providerNumber, LocalDate sessionOn, BigDecimal hours,
                                           ReflectiveSupervisionProvider provider, boolean onlyIfRecorded,
                                           LocalDate today) {
}
