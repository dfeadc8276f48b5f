package org.iecmh.endorsement.renewal.evidence;

import org.iecmh.endorsement.kit.files.StoredFile;

import java.time.LocalDate;

/**
 * A file attached as proof of the hours of {@code year} of the cycle that closes on {@code validThrough}: what the
 * store keeps ({@code file}: key, size, type, SHA-256, in association {@code storedIn}'s part), its name as sent,
 * who attached it, and the returned item it answers ({@code replaces}), if any.
 */
public record EvidenceAttached(String endorsementNumber, String tenantId, String attachmentId, LocalDate validThrough,
                               int year, String fileName, StoredFile file, String storedIn, String attachedBy,
                               String replaces) {
}
