package org.iecmh.endorsement.application.portfolio;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.iecmh.endorsement.kit.files.StoredFile;

/**
 * Attach a stored file to a portfolio entry. {@code byStaff}: the association's coordinator attaches it (a transcript
 * the association received), which it may do until the application is decided; the applicant only while the
 * portfolio is theirs to change. {@code applicationLimit}: the most bytes of files the application may hold.
 */
public record AttachFile(@TargetAggregateIdentifier String applicationId, String attachmentId, String entryId,
                         String fileName, StoredFile file, long applicationLimit, boolean byStaff) {
}
