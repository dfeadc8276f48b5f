package org.iecmh.endorsement.renewal.submission;

import java.time.LocalDate;

/** A renewal waits for the coordinator; {@code late} when submitted in the grace period, which costs the late fee. */
public record RenewalSubmitted(String endorsementNumber, String tenantId, LocalDate submittedOn, boolean late, long lateFeeCents, String currency) {
}
