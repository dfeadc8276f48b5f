package org.iecmh.endorsement.application.portfolio;

import org.iecmh.endorsement.kit.files.StoredFile;

/** A file was attached to a portfolio entry; {@code file} proves which bytes (its SHA-256) the reviewers saw. */
public record FileAttached(String applicationId, String tenantId, String attachmentId, String entryId,
                           String fileName, StoredFile file) {
}
