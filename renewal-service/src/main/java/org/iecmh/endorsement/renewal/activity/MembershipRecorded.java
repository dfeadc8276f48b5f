package org.iecmh.endorsement.renewal.activity;

import java.time.LocalDate;

/** The endorsee is a member of the association through {@code activeThrough}. */
public record MembershipRecorded(String endorsementNumber, String tenantId, String invoiceId, LocalDate activeThrough) {
}
