package org.iecmh.endorsement.renewal.activity;

import java.math.BigDecimal;
import java.time.LocalDate;

/**
 * A training counts towards the year it was attended in; {@code deiHours} of its hours were on diversity, equity and
 * inclusion (null in trainings recorded before DEI hours were asked for: none). {@code entryId} names the entry for
 * corrections, the same on each of the person's endorsements it was recorded on (null in entries recorded before
 * entries could be corrected).
 */
public record TrainingRecorded(String endorsementNumber, String tenantId, String entryId, String title,
                               LocalDate attendedOn, BigDecimal hours, BigDecimal deiHours) {

    public BigDecimal deiHoursOrZero() {
        return deiHours == null ? BigDecimal.ZERO : deiHours;
    }
}
