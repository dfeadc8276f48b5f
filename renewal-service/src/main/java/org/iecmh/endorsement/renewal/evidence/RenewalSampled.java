package org.iecmh.endorsement.renewal.evidence;

import java.time.LocalDate;

/**
 * The renewal of the cycle that closes on {@code validThrough} was drawn for an audit: {@code draw} (0 to 9,999, from
 * {@link RenewalAuditDraw}) fell below {@code auditPercent} hundredths of the range, as anyone can compute again. Its
 * endorsee is asked for evidence of their hours, and the renewal waits for the audit to close.
 */
public record RenewalSampled(String endorsementNumber, String tenantId, LocalDate validThrough, int auditPercent,
                             int draw, LocalDate sampledOn) {
}
