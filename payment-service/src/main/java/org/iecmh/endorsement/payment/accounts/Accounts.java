package org.iecmh.endorsement.payment.accounts;

import org.iecmh.endorsement.contracts.Money;

import java.time.LocalDate;
import java.util.List;

/** An association's invoices on {@code asOf}, totalled by standing and currency. */
public record Accounts(String tenantId, LocalDate asOf, List<Total> totals) {

    /** {@code outstanding} is what OPEN and OVERDUE invoices still ask; zero for the others. */
    public record Total(Standing standing, long invoices, Money total, Money paid, Money waived, Money refunded,
                        Money outstanding) {
    }
}
