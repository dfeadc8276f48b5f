package org.iecmh.endorsement.renewal.lifecycle;

import java.time.LocalDate;

/** The association withdrew the endorsement; it can never be renewed or reactivated. */
public record EndorsementRevoked(String endorsementNumber, String tenantId, String reason, LocalDate revokedOn) {
}
