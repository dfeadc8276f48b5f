package org.iecmh.endorsement.renewal.schedule;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.iecmh.endorsement.renewal.policy.RenewalPolicy;

import java.time.LocalDate;

/** The clock says a reminder {@code daysBefore} the window closes may be due; a no-op if sent or not due. */
public record SendRenewalReminder(@TargetAggregateIdentifier String endorsementNumber, int daysBefore, LocalDate today, RenewalPolicy policy) {
}
