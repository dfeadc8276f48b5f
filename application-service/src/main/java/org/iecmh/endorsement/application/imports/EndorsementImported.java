package org.iecmh.endorsement.application.imports;

import org.iecmh.endorsement.contracts.AddOn;
import org.iecmh.endorsement.contracts.Category;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;

/**
 * An endorsement the association granted before the platform, brought onto it from the association's file:
 * {@code personId} is {@code email:} and the address until the endorsee has an account; {@code importedBy},
 * {@code importedAt} and {@code fileSha256} say who imported which file, and when.
 */
public record EndorsementImported(String endorsementNumber, String tenantId, String personId, String name,
                                  String email, Category category, List<AddOn> addOns, LocalDate endorsedSince,
                                  LocalDate validThrough, ImportedStatus status, String importId, String fileSha256,
                                  String importedBy, Instant importedAt) {

    public EndorsementImported {
        addOns = addOns == null ? List.of() : List.copyOf(addOns);
    }

    public String fingerprint() {
        return fingerprint(endorsementNumber, name, email, category, addOns, endorsedSince, validThrough, status);
    }

    /** SHA-256 of a row's values in one canonical form, so that the same row is recognised in any later file. */
    static String fingerprint(String number, String name, String email, Category category, List<AddOn> addOns,
                              LocalDate since, LocalDate through, ImportedStatus status) {
        String canonical = String.join("\u001f", number, name, email.toLowerCase(Locale.ROOT),
                category.abbreviation(), String.join(",", addOns.stream().map(AddOn::abbreviation).sorted().toList()),
                since.toString(), through.toString(), status.name());
        return EndorseeFile.sha256(canonical.getBytes(StandardCharsets.UTF_8));
    }
}
