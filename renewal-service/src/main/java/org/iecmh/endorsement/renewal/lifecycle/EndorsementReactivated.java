package org.iecmh.endorsement.renewal.lifecycle;

import java.time.LocalDate;

/** The endorsement is active again, valid through {@code validThrough}. */
public record EndorsementReactivated(String endorsementNumber, String tenantId, LocalDate reactivatedOn, LocalDate validThrough) {
}
