package org.iecmh.endorsement.renewal.activity;

import java.math.BigDecimal;
import java.time.LocalDate;

/**
 * A training counts towards the year it was attended in; {@code deiHours} of its hours were on diversity, equity and
 * inclusion (null in trainings recorded before DEI hours were asked for: none).
 */
public record TrainingRecorded(String endorsementNumber, String tenantId, String title, LocalDate attendedOn, BigDecimal hours,
                               BigDecimal deiHours) {

    public BigDecimal deiHoursOrZero() {
        return deiHours == null ? BigDecimal.ZERO : deiHours;
    }
}
