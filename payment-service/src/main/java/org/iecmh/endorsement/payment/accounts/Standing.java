package org.iecmh.endorsement.payment.accounts;

/** Where an invoice stands on a given day; OVERDUE is an OPEN invoice whose due date has passed. */
public enum Standing {
    OPEN, OVERDUE, PAID, REFUNDED, VOID
}
