package org.iecmh.endorsement.renewal.reinstatement;

import java.time.LocalDate;

/** A reinstatement is under way; {@code feeCharged} when it waits for the fee billed on {@code invoiceId}. */
public record ReinstatementRequested(String endorsementNumber, String tenantId, String personId, String invoiceId, LocalDate requestedOn, boolean feeCharged) {

    /** Reinstatement invoices are named {@code INV-REINSTATEMENT-<endorsement number>-<n>}, n counting from 1. */
    public static final String INVOICE_PREFIX = "INV-REINSTATEMENT-";
}
