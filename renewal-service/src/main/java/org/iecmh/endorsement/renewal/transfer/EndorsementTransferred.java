package org.iecmh.endorsement.renewal.transfer;

import java.time.LocalDate;

/**
 * The endorsement belongs to {@code toTenantId} from now on, renews under its policy, and keeps its number and
 * history. {@code validThrough}: realigned to the receiving association's cycle (events stored before realignment
 * carry the valid-through the endorsement had).
 */
public record EndorsementTransferred(String endorsementNumber, String fromTenantId, String toTenantId, LocalDate transferredOn, LocalDate validThrough) {
}
