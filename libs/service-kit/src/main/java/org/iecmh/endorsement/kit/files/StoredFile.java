package org.iecmh.endorsement.kit.files;

/**
 * What a service records about a file it kept (in the event that attaches it): where it lies, and what it was, so
 * that {@link FileStore#get} can prove the bytes it returns are the ones attached.
 *
 * @param objectKey   the file's key within its association's part of the store
 * @param size        its length in bytes
 * @param contentType its media type, as {@link ContentTypes} found it
 * @param sha256      the SHA-256 of its bytes, in lower-case hex
 */
public record StoredFile(String objectKey, long size, String contentType, String sha256) {
}
