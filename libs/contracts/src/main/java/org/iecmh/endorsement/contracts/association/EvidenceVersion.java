package org.iecmh.endorsement.contracts.association;

import java.time.LocalDate;

/**
 * How much evidence (transcripts, training certificates, supervision logs) an application may carry: the largest file
 * and the most bytes of files one application may hold. Either left out takes the platform's default.
 */
public record EvidenceVersion(LocalDate effectiveFrom, Long maxFileBytes, Long maxApplicationBytes)
        implements Versioned {

    /** 20 MiB a file, as a scanned transcript of a few pages or a phone's photo needs. */
    public static final long DEFAULT_MAX_FILE_BYTES = 20L * 1024 * 1024;
    /** 200 MiB an application, ten such files. */
    public static final long DEFAULT_MAX_APPLICATION_BYTES = 200L * 1024 * 1024;
    /** No file or application beyond 1 GiB: what one request and one store call may carry. */
    public static final long LARGEST_LIMIT = 1024L * 1024 * 1024;

    /** The platform's defaults, for an association whose record states no evidence version. */
    public static EvidenceVersion defaults() {
        return new EvidenceVersion(LocalDate.of(1900, 1, 1), null, null);
    }

    public long fileLimit() {
        return maxFileBytes == null ? DEFAULT_MAX_FILE_BYTES : maxFileBytes;
    }

    public long applicationLimit() {
        return maxApplicationBytes == null ? DEFAULT_MAX_APPLICATION_BYTES : maxApplicationBytes;
    }

    /** Limits of at least one byte and at most {@link #LARGEST_LIMIT}, an application's no smaller than a file's. */
    void check(Checks checks, String at) {
        checks.required(at + "effectiveFrom", effectiveFrom);
        bytes(checks, at + "maxFileBytes", maxFileBytes);
        bytes(checks, at + "maxApplicationBytes", maxApplicationBytes);
        if (fileLimit() > applicationLimit()) {
            checks.add(at + "maxApplicationBytes", "application-limit-below-file-limit", at
                    + "maxApplicationBytes must be at least maxFileBytes (" + fileLimit() + ")");
        }
    }

    private static void bytes(Checks checks, String field, Long value) {
        if (value != null && (value < 1 || value > LARGEST_LIMIT)) {
            checks.add(field, "range", field + " must be from 1 to " + LARGEST_LIMIT + " bytes, was " + value);
        }
    }
}
