package org.iecmh.endorsement.kit.audit;

import org.iecmh.endorsement.kit.files.StoredFile;

import java.util.List;

/**
 * The files a service keeps for a person (the evidence their records were decided on), which their signed export
 * carries beside their events: each file's bytes, checked against what its event recorded, under {@code files/} in the
 * zip and with its SHA-256 in the signed manifest. A service that keeps files declares a bean of this type.
 */
public interface PersonFiles {

    /** A file as the bundle names it ({@code files/<name>}), and what its event recorded of it. */
    record PersonFile(String name, StoredFile file) {
    }

    /** The files of {@code personId} in association {@code tenantId} under the audited {@code kind}. */
    List<PersonFile> files(String kind, String tenantId, String personId);
}
