package org.iecmh.endorsement.application.portfolio;

import java.util.List;

/**
 * The provider answered: the sessions {@code entryIds} took place as logged, but for the {@code corrections} they
 * recorded (none: confirmed as logged).
 */
public record SupervisionConfirmed(String applicationId, String tenantId, String confirmationId,
                                   String providerEndorsementNumber, List<String> entryIds,
                                   List<SessionCorrection> corrections) {
}
