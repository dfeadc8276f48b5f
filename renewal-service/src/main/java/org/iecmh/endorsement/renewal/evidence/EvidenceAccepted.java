package org.iecmh.endorsement.renewal.evidence;

/** The coordinator accepted an item of evidence. */
public record EvidenceAccepted(String endorsementNumber, String tenantId, String attachmentId) {
}
