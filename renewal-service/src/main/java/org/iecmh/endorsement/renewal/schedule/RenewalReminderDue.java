package org.iecmh.endorsement.renewal.schedule;

import java.time.LocalDate;

/** The endorsee is to be reminded, {@code daysBefore} days before the window closes, that they have not renewed. */
public record RenewalReminderDue(String endorsementNumber, String tenantId, String personId, LocalDate closesOn, int daysBefore) {
}
