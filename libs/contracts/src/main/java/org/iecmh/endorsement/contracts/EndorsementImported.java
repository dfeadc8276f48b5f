package org.iecmh.endorsement.contracts;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * An association brought an endorsement it granted before the platform onto it, from its current system's export:
 * from now on it is an endorsement like a granted one, in the status the association's record gave it. The endorsee
 * has no account yet: {@code personId} is {@code email:} and their address in lower case, the person the
 * association knows. {@code addOns} are add-on abbreviations ({@code ERS}); {@code status} is {@code ACTIVE},
 * {@code INACTIVE} or {@code LAPSED}. {@code importedBy} (the admin's subject), {@code importedAt} and
 * {@code fileSha256} (of the file, hex) say where it came from.
 */
public record EndorsementImported(
        String tenantId,
        String endorsementNumber,
        String personId,
        String endorseeName,
        String email,
        String category,
        List<String> addOns,
        LocalDate endorsedSince,
        LocalDate validThrough,
        String status,
        String importedBy,
        Instant importedAt,
        String fileSha256) implements IntegrationEvent {

    public static final String TYPE = "org.iecmh.endorsement.application.endorsement-imported.v1";

    /** The person id of an endorsee known by email alone, until they have an account. */
    public static String personOf(String email) {
        return "email:" + email.strip().toLowerCase(java.util.Locale.ROOT);
    }

    public EndorsementImported {
        addOns = addOns == null ? List.of() : List.copyOf(addOns);
    }

    @Override
    public String partitionKey() {
        return endorsementNumber;
    }
}
