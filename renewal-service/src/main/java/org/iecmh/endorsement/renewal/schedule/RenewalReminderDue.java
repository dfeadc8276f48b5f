package org.iecmh.endorsement.renewal.schedule;

import java.time.LocalDate;

/**
 * The endorsee is to be reminded, {@code daysBefore} days before the window opens ({@code opensOn}) or closes
 * ({@code closesOn}), that their renewal comes. Events stored before reminders could fall before the opening carry
 * no {@code before} and no {@code opensOn}: they were reminders before the close.
 */
public record RenewalReminderDue(String endorsementNumber, String tenantId, String personId, LocalDate closesOn,
                                 int daysBefore, ReminderAnchor before, LocalDate opensOn) {

    public ReminderAnchor anchor() {
        return before != null ? before : ReminderAnchor.CLOSING;
    }
}
