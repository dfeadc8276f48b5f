package org.iecmh.endorsement.renewal.transfer;

import java.time.LocalDate;

/** The endorsement waits for the receiving association to accept it. */
public record TransferRequested(String endorsementNumber, String tenantId, String toTenantId, LocalDate requestedOn) {
}
