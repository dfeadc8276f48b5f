package org.iecmh.endorsement.application.imports;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.iecmh.endorsement.contracts.AddOn;
import org.iecmh.endorsement.contracts.Category;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * One row of an association's endorsee file, checked: the endorsement it granted before the platform becomes one on
 * it, under its own number (the stream's id, so that the same row imported twice meets the stream it made).
 */
public record ImportEndorsement(@TargetAggregateIdentifier String endorsementNumber, String name, String email,
                                Category category, List<AddOn> addOns, LocalDate endorsedSince,
                                LocalDate validThrough, ImportedStatus status, String importId, String fileSha256,
                                String importedBy, Instant importedAt) {

    public ImportEndorsement {
        addOns = List.copyOf(addOns);
    }

    /** What the row says, without where it came from: equal for the same row in any import. */
    public String fingerprint() {
        return EndorsementImported.fingerprint(endorsementNumber, name, email, category, addOns, endorsedSince,
                validThrough, status);
    }
}
