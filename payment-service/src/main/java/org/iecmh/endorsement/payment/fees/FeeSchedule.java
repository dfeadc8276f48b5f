package org.iecmh.endorsement.payment.fees;

import org.iecmh.endorsement.contracts.Category;
import org.iecmh.endorsement.contracts.Money;
import org.springframework.format.annotation.DateTimeFormat;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * One version of an association's prices, in force from {@code effectiveFrom} until the next version starts.
 * Amounts are whole cents; registration and processing are per category level (1 to 4). Membership dues, renewal,
 * late and reinstatement fees are left out by associations that do not charge them.
 * {@code nonRefundable} names, per refund reason, the fees that stay with the association.
 */
public record FeeSchedule(@DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate effectiveFrom,
                          String currency, int dueDays,
                          Map<Integer, Long> registration, Map<Integer, Long> processing,
                          Long membershipDues, Long renewal, Long lateFee, Long reinstatement,
                          Map<RefundReason, Set<FeeKind>> nonRefundable) {

    public FeeSchedule {
        registration = registration == null ? Map.of() : Map.copyOf(registration);
        processing = processing == null ? Map.of() : Map.copyOf(processing);
        nonRefundable = nonRefundable == null ? Map.of() : Map.copyOf(nonRefundable);
    }

    /** One fee as it will be printed on an invoice. */
    public record Fee(FeeKind kind, String description, Money amount) {
    }

    /** The fees due when an application for {@code category} is submitted: registration and processing. */
    public List<Fee> forSubmission(Category category) {
        return List.of(
                new Fee(FeeKind.REGISTRATION, "Registration fee, " + category.abbreviation(),
                        Money.of(registration.get(category.level()), currency)),
                new Fee(FeeKind.PROCESSING, "Processing fee, " + category.abbreviation(),
                        Money.of(processing.get(category.level()), currency)));
    }

    /** A fee that does not depend on a category, if the association charges it. */
    public Optional<Fee> flatFee(FeeKind kind) {
        Long cents = null;
        String description = null;
        if (kind == FeeKind.MEMBERSHIP_DUES) {
            cents = membershipDues;
            description = "Membership dues";
        } else if (kind == FeeKind.RENEWAL) {
            cents = renewal;
            description = "Renewal fee";
        } else if (kind == FeeKind.LATE) {
            cents = lateFee;
            description = "Late fee";
        } else if (kind == FeeKind.REINSTATEMENT) {
            cents = reinstatement;
            description = "Reinstatement fee";
        }
        return cents == null ? Optional.empty() : Optional.of(new Fee(kind, description, Money.of(cents, currency)));
    }

    /** The fees a refund for {@code reason} leaves with the association. */
    public Set<FeeKind> notRefundedFor(RefundReason reason) {
        return nonRefundable.getOrDefault(reason, Set.of());
    }

    void check(String prefix) {
        if (effectiveFrom == null) {
            throw new IllegalStateException(prefix + ".effective-from must be a date such as 2026-01-01");
        }
        if (currency == null || !currency.matches("[A-Z]{3}")) {
            throw new IllegalStateException(prefix + ".currency must be an ISO 4217 code such as USD");
        }
        if (dueDays < 1) {
            throw new IllegalStateException(prefix + ".due-days must be at least 1");
        }
        for (int level = 1; level <= 4; level++) {
            requireCents(prefix + ".registration." + level, registration.get(level));
            requireCents(prefix + ".processing." + level, processing.get(level));
        }
        Map.of("membership-dues", Optional.ofNullable(membershipDues), "renewal", Optional.ofNullable(renewal),
                        "late-fee", Optional.ofNullable(lateFee), "reinstatement", Optional.ofNullable(reinstatement))
                .forEach((name, cents) -> cents.ifPresent(value -> requireCents(prefix + "." + name, value)));
    }

    private static void requireCents(String setting, Long cents) {
        if (cents == null || cents < 0) {
            throw new IllegalStateException(setting + " must be a whole number of cents, zero or more");
        }
    }
}
