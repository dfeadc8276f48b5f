package org.iecmh.endorsement.renewal.activity;

/** The session {@code entryId} no longer counts. */
public record ReflectiveSupervisionRemoved(String endorsementNumber, String tenantId, String entryId) {
}
