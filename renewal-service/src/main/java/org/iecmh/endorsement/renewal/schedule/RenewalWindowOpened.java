package org.iecmh.endorsement.renewal.schedule;

import java.time.LocalDate;

/**
 * The endorsee may now submit a renewal, until the window closes (late until {@code lapsesAfter}).
 * {@code policyEffectiveFrom}: the renewal policy version that set the window (null in events stored before it was
 * recorded).
 */
public record RenewalWindowOpened(String endorsementNumber, String tenantId, String personId, LocalDate opensOn,
                                  LocalDate closesOn, LocalDate lapsesAfter, LocalDate policyEffectiveFrom) {
}
