package org.iecmh.endorsement.contracts;

import java.time.Instant;

/** An applicant submitted an application for a category; fees are now due. */
public record ApplicationSubmitted(
        String tenantId,
        String applicationId,
        String personId,
        String applicantName,
        String category,
        Instant submittedAt) implements IntegrationEvent {

    public static final String TYPE = "org.iecmh.endorsement.application.submitted.v1";

    @Override
    public String partitionKey() {
        return personId;
    }
}
