package org.iecmh.endorsement.renewal.lifecycle;

import java.time.Instant;
import java.time.LocalDate;

public record EndorsementActivated(String endorsementNumber, String tenantId, String applicationId, String personId,
                                   String endorseeName, String category, Instant grantedAt,
                                   LocalDate validThrough) {
}
