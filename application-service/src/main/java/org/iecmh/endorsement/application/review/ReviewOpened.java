package org.iecmh.endorsement.application.review;

public record ReviewOpened(String applicationId, String tenantId, String invoiceId) {
}
