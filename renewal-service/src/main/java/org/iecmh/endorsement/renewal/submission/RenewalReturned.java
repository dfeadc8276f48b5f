package org.iecmh.endorsement.renewal.submission;

/** The renewal went back to the endorsee, who may submit it again while the window is open. */
public record RenewalReturned(String endorsementNumber, String tenantId, String comments) {
}
