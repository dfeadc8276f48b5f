package org.iecmh.endorsement.contracts;

import java.time.Instant;

/** An applicant submitted an application for a category; fees are now due. */
public record ApplicationSubmitted(
        String tenantId,
        String applicationId,
        String personId,
        String applicantName,
        String category,
        Instant submittedAt,
        String contactEmail) implements IntegrationEvent {

    public static final String TYPE = "org.iecmh.endorsement.application.submitted.v1";

    /** Without a contact email: an application started before one was asked for. */
    public ApplicationSubmitted(String tenantId, String applicationId, String personId, String applicantName,
                                String category, Instant submittedAt) {
        this(tenantId, applicationId, personId, applicantName, category, submittedAt, null);
    }

    @Override
    public String partitionKey() {
        return personId;
    }
}
