package org.iecmh.endorsement.renewal.endorsementfile;

import java.time.LocalDate;

/**
 * An endorsement as its endorsee and staff see it; {@code renewal} says where the current cycle's renewal stands
 * ({@code WINDOW_OPEN}, {@code SUBMITTED}, {@code RETURNED}, or null before the window opens), {@code emailAddress}
 * where reminders go, {@code transferTo} the association a requested transfer waits for; {@code lateFee} is
 * {@code DUE} or {@code PAID} when this cycle's renewal came late and was charged the late fee on
 * {@code lateFeeInvoiceId}; {@code renewalComments} are the coordinator's comments while the renewal stands
 * {@code RETURNED}.
 */
public record EndorsementView(String endorsementNumber, String tenantId, String personId, String endorseeName,
                              String category, String status, LocalDate endorsedSince, LocalDate validThrough,
                              LocalDate statusSince, String renewal, String emailAddress,
                              String transferTo, String lateFee, String lateFeeInvoiceId,
                              String renewalComments) {
}
