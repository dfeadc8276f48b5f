package org.iecmh.endorsement.renewal.submission;

import java.time.LocalDate;

/**
 * A renewal submitted in the grace period costs the association's late fee, billed by payment-service on
 * {@code invoiceId}; the renewal is approved once it is paid. Charged once per cycle, however often the renewal is
 * returned and submitted again.
 */
public record LateRenewalFeeCharged(String endorsementNumber, String tenantId, String personId, String invoiceId,
                                    long feeCents, String currency, LocalDate chargedOn) {

    /** Late fee invoices are named {@code INV-LATE-RENEWAL-<endorsement number>-<year of the missed due date>}. */
    public static final String INVOICE_PREFIX = "INV-LATE-RENEWAL-";
}
