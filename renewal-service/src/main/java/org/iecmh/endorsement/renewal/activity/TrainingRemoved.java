package org.iecmh.endorsement.renewal.activity;

/** The training {@code entryId} no longer counts. */
public record TrainingRemoved(String endorsementNumber, String tenantId, String entryId) {
}
