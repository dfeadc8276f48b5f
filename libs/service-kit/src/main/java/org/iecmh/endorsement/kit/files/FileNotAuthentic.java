package org.iecmh.endorsement.kit.files;

/**
 * The bytes kept under a key are not the file that was recorded: altered, replaced by another object, copied from
 * another key or association, or sealed under a key this service does not hold. They are never returned.
 */
public class FileNotAuthentic extends RuntimeException {

    public FileNotAuthentic(String message) {
        super(message);
    }

    public FileNotAuthentic(String message, Throwable cause) {
        super(message, cause);
    }
}
