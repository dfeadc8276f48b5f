package org.iecmh.endorsement.renewal.activity;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.math.BigDecimal;
import java.time.LocalDate;

/**
 * The endorsee logs a training attended, {@code deiHours} of it on diversity, equity and inclusion; {@code today} is
 * the association's day, before which it took place.
 */
public record RecordTraining(@TargetAggregateIdentifier String endorsementNumber, String entryId, String title,
                             LocalDate attendedOn, BigDecimal hours, BigDecimal deiHours, LocalDate today) {
}
