package org.iecmh.endorsement.kit.files;

/** No object lies under the key a recorded file names, in the association asked about. */
public class MissingFile extends RuntimeException {

    public MissingFile(String message) {
        super(message);
    }
}
