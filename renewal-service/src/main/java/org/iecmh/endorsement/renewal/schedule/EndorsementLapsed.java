package org.iecmh.endorsement.renewal.schedule;

import java.time.LocalDate;

/** The endorsement was not renewed in time (or stayed inactive too long) and leaves the registry. */
public record EndorsementLapsed(String endorsementNumber, String tenantId, LocalDate lapsedOn) {
}
