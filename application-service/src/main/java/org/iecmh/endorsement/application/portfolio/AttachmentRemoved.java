package org.iecmh.endorsement.application.portfolio;

/** An attachment was taken off its entry (or its entry was removed); the stored file stays, as the history names it. */
public record AttachmentRemoved(String applicationId, String tenantId, String attachmentId) {
}
