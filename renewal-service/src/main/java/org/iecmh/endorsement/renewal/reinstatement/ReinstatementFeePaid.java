package org.iecmh.endorsement.renewal.reinstatement;

/** The reinstatement fee is paid; the coordinator may approve. */
public record ReinstatementFeePaid(String endorsementNumber, String tenantId, String invoiceId) {
}
