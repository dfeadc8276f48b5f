package org.iecmh.endorsement.renewal.evidence;

import java.time.LocalDate;

/** Every item of evidence of the sampled renewal of the cycle closing on {@code validThrough} is accepted. */
public record RenewalAuditClosed(String endorsementNumber, String tenantId, LocalDate validThrough,
                                 LocalDate closedOn) {
}
