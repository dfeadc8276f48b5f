package org.iecmh.endorsement.payment.invoicing;

/** Why an association lets part of an invoice go unpaid: a fee waiver, or a scholarship that covers it. */
public enum WaiverKind {
    WAIVER, SCHOLARSHIP
}
