package org.iecmh.endorsement.renewal.lifecycle;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.Instant;
import java.time.LocalDate;

/** An association granted an endorsement: from now on renewal-service keeps it. */
public record ActivateEndorsement(@TargetAggregateIdentifier String endorsementNumber, String applicationId,
                                  String personId, String endorseeName, String category, Instant grantedAt,
                                  LocalDate validThrough) {
}
