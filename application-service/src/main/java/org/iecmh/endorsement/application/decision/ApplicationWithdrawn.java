package org.iecmh.endorsement.application.decision;

public record ApplicationWithdrawn(String applicationId, String tenantId, String reason) {
}
