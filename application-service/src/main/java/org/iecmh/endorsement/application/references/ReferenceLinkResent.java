package org.iecmh.endorsement.application.references;

import java.time.Instant;

public record ReferenceLinkResent(String applicationId, String tenantId, String referenceId, Instant linkExpiresAt) {
}
