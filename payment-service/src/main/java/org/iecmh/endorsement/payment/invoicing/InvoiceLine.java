package org.iecmh.endorsement.payment.invoicing;

import org.iecmh.endorsement.contracts.Money;

public record InvoiceLine(String description, Money amount) {
}
