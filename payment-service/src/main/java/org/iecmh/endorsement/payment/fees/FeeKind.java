package org.iecmh.endorsement.payment.fees;

/** What a line of an invoice charges for; refund rules are written in these words. */
public enum FeeKind {
    REGISTRATION, PROCESSING, MEMBERSHIP_DUES, RENEWAL, LATE, REINSTATEMENT, OTHER
}
