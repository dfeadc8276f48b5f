package org.iecmh.endorsement.renewal.activity;

import java.math.BigDecimal;
import java.time.LocalDate;

/** The training {@code entryId} reads as given here from now on; it counts towards the year of the new date. */
public record TrainingCorrected(String endorsementNumber, String tenantId, String entryId, String title,
                                LocalDate attendedOn, BigDecimal hours, BigDecimal deiHours) {
}
