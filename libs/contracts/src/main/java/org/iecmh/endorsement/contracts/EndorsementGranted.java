package org.iecmh.endorsement.contracts;

import java.time.Instant;
import java.time.LocalDate;

/**
 * An association granted an endorsement; it is valid through the date its renewal policy sets. {@code email} is the
 * contact address the applicant gave, so that the endorsee can be written to; null for applications started before
 * it was asked for.
 */
public record EndorsementGranted(
        String tenantId,
        String endorsementNumber,
        String applicationId,
        String personId,
        String endorseeName,
        String category,
        Instant grantedAt,
        LocalDate validThrough,
        String email) implements IntegrationEvent {

    public static final String TYPE = "org.iecmh.endorsement.application.endorsement-granted.v1";

    @Override
    public String partitionKey() {
        return endorsementNumber;
    }
}
