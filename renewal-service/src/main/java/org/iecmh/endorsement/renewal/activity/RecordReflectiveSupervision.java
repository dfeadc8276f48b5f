package org.iecmh.endorsement.renewal.activity;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.math.BigDecimal;
import java.time.LocalDate;

/**
 * The endorsee logs a reflective supervision/consultation session; {@code provider} is the provider as this service
 * knows them on the session date, or null if it knows of none; {@code today} as in {@link RecordTraining}.
 */
public record RecordReflectiveSupervision(@TargetAggregateIdentifier String endorsementNumber, String entryId,
                                          String providerNumber, LocalDate sessionOn, BigDecimal hours,
                                          ReflectiveSupervisionProvider provider, LocalDate today) {
}
