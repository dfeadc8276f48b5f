package org.iecmh.endorsement.renewal.lifecycle;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * An association brought an endorsement it granted before the platform onto it (application-service's
 * {@code EndorsementImported}): from now on renewal-service keeps it, as a granted one, in the status the
 * association's record gave it. {@code personId} is {@code email:} and the endorsee's address until they have an
 * account; {@code today} is the association's day, and {@code inactiveMaximumMonths} its policy's, for an
 * endorsement imported on hold.
 */
public record ImportEndorsement(@TargetAggregateIdentifier String endorsementNumber, String personId,
                                String endorseeName, String emailAddress, String category, List<String> addOns,
                                LocalDate endorsedSince, LocalDate validThrough, EndorsementStatus status,
                                String importedBy, Instant importedAt, String fileSha256, LocalDate today,
                                int inactiveMaximumMonths) {
}
