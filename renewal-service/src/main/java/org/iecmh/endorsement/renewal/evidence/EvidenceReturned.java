package org.iecmh.endorsement.renewal.evidence;

/** The coordinator returned an item of evidence: {@code reason} tells the endorsee what to attach instead. */
public record EvidenceReturned(String endorsementNumber, String tenantId, String attachmentId, String reason) {
}
