package org.iecmh.endorsement.application.portfolio;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.Instant;

/**
 * The applicant asks the reflective supervision provider with this endorsement number to confirm the sessions the
 * portfolio logs with them; the provider is mailed a one-time link that works until {@code linkExpiresAt}.
 */
public record AskSupervisionConfirmation(@TargetAggregateIdentifier String applicationId, String confirmationId,
                                         String providerEndorsementNumber, String providerName, String providerEmail,
                                         Instant linkExpiresAt) {
}
