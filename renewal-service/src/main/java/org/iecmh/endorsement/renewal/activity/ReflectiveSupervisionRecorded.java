package org.iecmh.endorsement.renewal.activity;

import java.math.BigDecimal;
import java.time.LocalDate;

/** A session with an endorsed provider counts towards the year it took place in. */
public record ReflectiveSupervisionRecorded(String endorsementNumber, String tenantId, String providerNumber, LocalDate sessionOn, BigDecimal hours) {
}
