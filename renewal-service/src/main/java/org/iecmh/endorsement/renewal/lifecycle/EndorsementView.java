package org.iecmh.endorsement.renewal.lifecycle;

import java.time.LocalDate;

public record EndorsementView(String endorsementNumber, String tenantId, String personId, String endorseeName,
                              String category, String status, LocalDate endorsedSince, LocalDate validThrough) {
}
