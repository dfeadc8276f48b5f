package org.iecmh.endorsement.application.review;

/** Both reviewers hold the application; it waits in review until they record otherwise. */
public record ApplicationHeld(String applicationId, String tenantId) {
}
