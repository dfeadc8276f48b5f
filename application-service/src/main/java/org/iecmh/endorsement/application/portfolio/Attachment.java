package org.iecmh.endorsement.application.portfolio;

import org.iecmh.endorsement.kit.files.StoredFile;

/** A file attached to a portfolio entry: the name it was sent under, and what the store keeps of it. */
public record Attachment(String attachmentId, String entryId, String fileName, StoredFile file) {
}
