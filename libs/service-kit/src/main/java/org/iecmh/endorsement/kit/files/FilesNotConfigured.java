package org.iecmh.endorsement.kit.files;

/**
 * The service keeps no files: it names no bucket ({@code iecmh.files.bucket}), so it has no {@link FileStore}. Asked
 * for a file anyway, it answers 503 rather than failing at start, so that everything else it does keeps working.
 */
public class FilesNotConfigured extends RuntimeException {

    public FilesNotConfigured() {
        super("Files are not configured on this service: it keeps no attachments until its operator names a bucket");
    }
}
