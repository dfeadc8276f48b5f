package org.iecmh.endorsement.renewal.transfer;

import java.time.LocalDate;

/** The endorsement belongs to {@code toTenantId} from now on, renews under its policy, and keeps its number and history. */
public record EndorsementTransferred(String endorsementNumber, String fromTenantId, String toTenantId, LocalDate transferredOn, LocalDate validThrough) {
}
