package org.iecmh.endorsement.renewal.submission;

import java.time.LocalDate;

/** The endorsement was renewed and is valid through a later date. */
public record EndorsementRenewed(String endorsementNumber, String tenantId, LocalDate renewedOn, LocalDate validThrough) {
}
