package org.iecmh.endorsement.renewal.activity;

import java.math.BigDecimal;
import java.time.LocalDate;

/** A training counts towards the year it was attended in. */
public record TrainingRecorded(String endorsementNumber, String tenantId, String title, LocalDate attendedOn, BigDecimal hours) {
}
