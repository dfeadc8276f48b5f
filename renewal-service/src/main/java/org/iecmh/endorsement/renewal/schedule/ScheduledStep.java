package org.iecmh.endorsement.renewal.schedule;

import java.time.LocalDate;

/** A step due on {@code dueOn} for an endorsement valid through {@code validThrough}. */
public record ScheduledStep(String endorsementNumber, Step step, int daysBefore, String tenantId,
                            LocalDate validThrough, LocalDate dueOn) {
}
