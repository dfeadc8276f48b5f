package org.iecmh.endorsement.contracts.association;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One version of an association's prices, in force from {@code effectiveFrom} until the next version starts. An
 * invoice takes the prices in force on the day it is issued and keeps them. Amounts are whole cents; registration and
 * processing are per category level (1 to 4). Membership dues, renewal, late and reinstatement fees are left out by
 * associations that do not charge them. {@code nonRefundable} names, per refund reason (of {@link #REFUND_REASONS}),
 * the fees (of {@link #FEE_KINDS}) that stay with the association.
 */
public record FeeSchedule(LocalDate effectiveFrom, String currency, Integer dueDays,
                          Map<Integer, Long> registration, Map<Integer, Long> processing,
                          Long membershipDues, Long renewal, Long lateFee, Long reinstatement,
                          Map<String, Set<String>> nonRefundable) implements Versioned {

    public static final List<String> REFUND_REASONS = List.of("wrong-category", "withdrawn", "duplicate-payment",
            "other");
    public static final List<String> FEE_KINDS = List.of("registration", "processing", "membership-dues", "renewal",
            "late", "reinstatement", "other");

    public FeeSchedule {
        registration = registration == null ? Map.of() : Map.copyOf(registration);
        processing = processing == null ? Map.of() : Map.copyOf(processing);
        nonRefundable = nonRefundable == null ? Map.of() : Map.copyOf(nonRefundable);
    }
}
