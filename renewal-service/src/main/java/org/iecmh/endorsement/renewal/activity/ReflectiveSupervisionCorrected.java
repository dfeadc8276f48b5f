package org.iecmh.endorsement.renewal.activity;

import java.math.BigDecimal;
import java.time.LocalDate;

/** The session {@code entryId} reads as given here from now on, with a provider endorsed on the new date. */
public record ReflectiveSupervisionCorrected(String endorsementNumber, String tenantId, String entryId,
                                             String providerNumber, LocalDate sessionOn, BigDecimal hours) {
}
