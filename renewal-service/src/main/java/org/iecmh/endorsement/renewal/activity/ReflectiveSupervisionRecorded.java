package org.iecmh.endorsement.renewal.activity;

import java.math.BigDecimal;
import java.time.LocalDate;

/**
 * A session with an endorsed provider counts towards the year it took place in. {@code entryId} names the entry for
 * corrections (null in entries recorded before entries could be corrected).
 */
public record ReflectiveSupervisionRecorded(String endorsementNumber, String tenantId, String entryId,
                                            String providerNumber, LocalDate sessionOn, BigDecimal hours) {
}
