package org.iecmh.endorsement.payment.invoicing;

public enum PaymentMethod {
    CARD, CHECK, BANK_TRANSFER
}
