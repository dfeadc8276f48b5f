package org.iecmh.endorsement.application.portfolio;

import java.time.Instant;
import java.util.List;

/** A provider was asked to confirm the sessions {@code entryIds}; their link works until {@code linkExpiresAt}. */
public record SupervisionConfirmationRequested(String applicationId, String tenantId, String confirmationId,
                                               String providerEndorsementNumber, String providerName,
                                               String providerEmail, List<String> entryIds, Instant linkExpiresAt) {
}
