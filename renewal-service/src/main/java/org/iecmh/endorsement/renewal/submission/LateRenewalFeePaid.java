package org.iecmh.endorsement.renewal.submission;

/** The late fee is paid; the coordinator may approve the renewal. */
public record LateRenewalFeePaid(String endorsementNumber, String tenantId, String invoiceId) {
}
