package org.iecmh.endorsement.application.references;

/** A rater completed the form; their link is used. */
public record ReferenceSubmitted(String applicationId, String tenantId, String referenceId, Rating rating) {
}
