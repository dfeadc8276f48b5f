package org.iecmh.endorsement.application.portfolio;

import java.math.BigDecimal;
import java.time.LocalDate;

/** A supervision session as its provider states it, where that differs from the applicant's entry. */
public record SessionCorrection(String entryId, LocalDate heldOn, BigDecimal hours, String note) {
}
