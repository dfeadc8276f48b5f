package org.iecmh.endorsement.renewal.schedule;

import java.time.LocalDate;

/** The endorsee may now submit a renewal, until the window closes (late until {@code lapsesAfter}). */
public record RenewalWindowOpened(String endorsementNumber, String tenantId, String personId, LocalDate opensOn, LocalDate closesOn, LocalDate lapsesAfter) {
}
