package org.iecmh.endorsement.renewal.lifecycle;

import java.time.LocalDate;

/** The endorsement is on hold until the endorsee reactivates it, at the latest by {@code inactiveUntil}. */
public record EndorsementInactivated(String endorsementNumber, String tenantId, LocalDate inactiveSince, LocalDate inactiveUntil) {
}
