package org.iecmh.endorsement.payment.grouppayment;

import org.iecmh.endorsement.contracts.Money;
import org.iecmh.endorsement.kit.web.DomainRuleViolation;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.IntStream;

/**
 * Shares one payment out over several invoices in proportion to what each still owes, in whole cents. Each share
 * is rounded down, and the cents that rounding leaves over go one each to the invoices with the largest remainders
 * (the first listed wins a tie), so the shares always add up to the payment and none exceeds what its invoice owes.
 */
public final class GroupPaymentSplit {

    /** What one invoice still owes. */
    public record Owed(String invoiceId, Money outstanding) {
    }

    /** The part of the payment that goes to one invoice. */
    public record Share(String invoiceId, Money amount) {
    }

    private GroupPaymentSplit() {
    }

    public static List<Share> split(Money payment, List<Owed> invoices) {
        if (invoices.isEmpty()) {
            throw new DomainRuleViolation("group-payment-needs-invoices", "A group payment covers at least one invoice");
        }
        if (invoices.stream().map(Owed::invoiceId).distinct().count() < invoices.size()) {
            throw new DomainRuleViolation("invoice-listed-twice", "Each invoice is listed once");
        }
        if (payment.cents() <= 0) {
            throw new DomainRuleViolation("payment-amount", "A payment must be more than zero");
        }
        long owed = 0;
        for (Owed invoice : invoices) {
            if (!invoice.outstanding().currency().equals(payment.currency())) {
                throw new DomainRuleViolation("payment-currency", "Invoice " + invoice.invoiceId() + " is in "
                        + invoice.outstanding().currency() + ", not " + payment.currency());
            }
            owed = Math.addExact(owed, invoice.outstanding().cents());
        }
        if (payment.cents() > owed) {
            throw new DomainRuleViolation("overpayment", "The invoices owe " + owed + " cents together; "
                    + payment.cents() + " is more");
        }
        BigInteger total = BigInteger.valueOf(owed);
        long[] shares = new long[invoices.size()];
        long[] remainders = new long[invoices.size()];
        long given = 0;
        for (int i = 0; i < invoices.size(); i++) {
            // payment * outstanding can exceed a long; the quotient cannot exceed the outstanding amount.
            BigInteger[] division = BigInteger.valueOf(payment.cents())
                    .multiply(BigInteger.valueOf(invoices.get(i).outstanding().cents())).divideAndRemainder(total);
            shares[i] = division[0].longValueExact();
            remainders[i] = division[1].longValueExact();
            given += shares[i];
        }
        long left = payment.cents() - given;
        List<Integer> byRemainder = IntStream.range(0, invoices.size()).boxed()
                .sorted(Comparator.<Integer>comparingLong(i -> remainders[i]).reversed()).toList();
        for (int i = 0; i < left; i++) {
            shares[byRemainder.get(i)]++;
        }
        List<Share> split = new ArrayList<>();
        for (int i = 0; i < invoices.size(); i++) {
            split.add(new Share(invoices.get(i).invoiceId(), Money.of(shares[i], payment.currency())));
        }
        return List.copyOf(split);
    }
}
