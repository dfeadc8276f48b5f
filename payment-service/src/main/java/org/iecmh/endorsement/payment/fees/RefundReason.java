package org.iecmh.endorsement.payment.fees;

/** Why money is given back; an association's schedule says which fees each reason leaves unrefunded. */
public enum RefundReason {
    WRONG_CATEGORY, WITHDRAWN, DUPLICATE_PAYMENT, OTHER
}
