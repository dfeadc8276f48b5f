package org.iecmh.endorsement.renewal.schedule;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.iecmh.endorsement.contracts.association.RenewalPolicy;

import java.time.LocalDate;

/**
 * The clock says a reminder {@code daysBefore} the window opens or closes ({@code before}) may be due; a no-op if
 * sent or not due.
 */
public record SendRenewalReminder(@TargetAggregateIdentifier String endorsementNumber, ReminderAnchor before,
                                  int daysBefore, LocalDate today, RenewalPolicy policy) {
}
