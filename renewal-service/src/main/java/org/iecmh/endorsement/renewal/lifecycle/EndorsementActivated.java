package org.iecmh.endorsement.renewal.lifecycle;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;

/**
 * {@code endorsedOn}: the association's day of the grant, in its time zone. Events stored before it was kept carry
 * none; for them the day is read in UTC, as it was then.
 */
public record EndorsementActivated(String endorsementNumber, String tenantId, String applicationId, String personId,
                                   String endorseeName, String category, Instant grantedAt,
                                   LocalDate validThrough, LocalDate endorsedOn) {

    public LocalDate endorsedSince() {
        return endorsedOn != null ? endorsedOn : LocalDate.ofInstant(grantedAt, ZoneOffset.UTC);
    }
}
