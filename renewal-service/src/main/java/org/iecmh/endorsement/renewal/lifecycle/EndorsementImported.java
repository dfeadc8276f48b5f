package org.iecmh.endorsement.renewal.lifecycle;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * The endorsement just activated came from the association's file, not from an application: who imported it, when,
 * from which file (its SHA-256), with the add-ons ({@code ERS}) the association's record gave it.
 */
public record EndorsementImported(String endorsementNumber, String tenantId, String personId, String category,
                                  LocalDate endorsedSince, List<String> addOns, String importedBy, Instant importedAt,
                                  String fileSha256) {

    public EndorsementImported {
        addOns = addOns == null ? List.of() : List.copyOf(addOns);
    }
}
