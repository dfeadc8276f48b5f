package org.iecmh.endorsement.payment.fees;

import org.iecmh.endorsement.contracts.Category;
import org.iecmh.endorsement.contracts.Money;
import org.iecmh.endorsement.contracts.association.RequirementTerms;
import org.iecmh.endorsement.kit.web.DomainRuleViolation;
import org.iecmh.endorsement.kit.web.Phrase;

import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * One version of an association's prices (its record's {@code fees}), in force from {@code effectiveFrom} until the
 * next version starts, in payment-service's words. Amounts are whole cents; registration and processing are per
 * category level (1 to 4). Membership dues, renewal, late and reinstatement fees are left out by associations that
 * do not charge them. {@code nonRefundable} names, per refund reason, the fees that stay with the association.
 * {@code sequence}: the sequence of the association's record the version was read from.
 */
public record FeeSchedule(LocalDate effectiveFrom, String currency, int dueDays,
                          Map<Integer, Long> registration, Map<Integer, Long> processing,
                          Long membershipDues, Long renewal, Long lateFee, Long reinstatement,
                          Map<RefundReason, Set<FeeKind>> nonRefundable, long sequence) {

    public FeeSchedule {
        registration = registration == null ? Map.of() : Map.copyOf(registration);
        processing = processing == null ? Map.of() : Map.copyOf(processing);
        nonRefundable = nonRefundable == null ? Map.of() : Map.copyOf(nonRefundable);
    }

    /** The version of a record (already checked by {@code AssociationCheck}), its closed sets read into types. */
    public static FeeSchedule of(org.iecmh.endorsement.contracts.association.FeeSchedule version, long sequence) {
        Map<RefundReason, Set<FeeKind>> nonRefundable = new HashMap<>();
        version.nonRefundable().forEach((reason, kinds) -> nonRefundable.put(
                RefundReason.valueOf(RequirementTerms.constantName(reason)),
                kinds.stream().map(kind -> FeeKind.valueOf(RequirementTerms.constantName(kind)))
                        .collect(Collectors.toSet())));
        return new FeeSchedule(version.effectiveFrom(), version.currency(),
                version.dueDays(), version.registration(), version.processing(),
                version.membershipDues(), version.renewal(), version.lateFee(), version.reinstatement(),
                nonRefundable, sequence);
    }

    /** What an invoice issued at these prices records of them. */
    public PricedBy pricedBy() {
        return new PricedBy(effectiveFrom, sequence);
    }

    /** One fee as it will be printed on an invoice: its words a phrase, {@code fee-<kind>} with the category if any. */
    public record Fee(FeeKind kind, Phrase phrase, Money amount) {

        public String description() {
            return phrase.text();
        }
    }

    /** The fees due when an application for {@code category} is submitted: registration and processing. */
    public List<Fee> forSubmission(Category category) {
        return List.of(
                new Fee(FeeKind.REGISTRATION, Phrase.of("fee-registration", "Registration fee, "
                        + category.abbreviation(), "category", category.abbreviation()),
                        Money.of(registration.get(category.level()), currency)),
                new Fee(FeeKind.PROCESSING, Phrase.of("fee-processing", "Processing fee, "
                        + category.abbreviation(), "category", category.abbreviation()),
                        Money.of(processing.get(category.level()), currency)));
    }

    /** A fee that does not depend on a category; refused where the association does not charge it. */
    public Fee requireFlatFee(FeeKind kind) {
        return flatFee(kind).orElseThrow(() -> new DomainRuleViolation("fee-not-in-schedule",
                "The association's fee schedule has no " + kind + " fee; give the line an amount"));
    }

    /** A fee that does not depend on a category, if the association charges it. */
    public Optional<Fee> flatFee(FeeKind kind) {
        Phrase words = null;
        Long cents = null;
        if (kind == FeeKind.MEMBERSHIP_DUES) {
            cents = membershipDues;
            words = Phrase.of("fee-membership-dues", "Membership dues");
        } else if (kind == FeeKind.RENEWAL) {
            cents = renewal;
            words = Phrase.of("fee-renewal", "Renewal fee");
        } else if (kind == FeeKind.LATE) {
            cents = lateFee;
            words = Phrase.of("fee-late", "Late fee");
        } else if (kind == FeeKind.REINSTATEMENT) {
            cents = reinstatement;
            words = Phrase.of("fee-reinstatement", "Reinstatement fee");
        }
        return cents == null ? Optional.empty() : Optional.of(new Fee(kind, words, Money.of(cents, currency)));
    }

    /** The fees a refund for {@code reason} leaves with the association. */
    public Set<FeeKind> notRefundedFor(RefundReason reason) {
        return nonRefundable.getOrDefault(reason, Set.of());
    }
}
