package org.iecmh.endorsement.contracts.association;

import org.iecmh.endorsement.contracts.Category;
import org.iecmh.endorsement.contracts.NoticeKind;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.List;

/**
 * An association as the platform knows it: who it is and how to reach it, and its policy. Each policy part is a list
 * of versions, each in force from its {@code effectiveFrom} day (the association's day) until the next one begins, so
 * that a change never rewrites what was decided under the version before it. association-service owns the record;
 * every other service keeps the latest one it received ({@link AssociationChanged}) in a local view.
 *
 * @param code          the tenant id, such as {@code ma}
 * @param state         applicants apply in the state where they live (two letters)
 * @param timeZone      an IANA zone: every "day" of the association (due dates, windows, reminders) is a day there
 * @param languages     the languages its people read (of {@link #LANGUAGES})
 * @param mailFrom      the sender of the platform's mail for the association; null: the service's own
 * @param noticesOff    the notices it does not send (codes of {@link NoticeKind}), which the platform then mails to
 *                      no one; in effect at once, like the rest of its profile
 * @param categories    the categories it offers (abbreviations); empty: all of the Alliance's
 * @param requirements  what each category asks of a portfolio
 * @param fees          its price lists
 * @param renewal       how its endorsements renew
 * @param evidence      how much evidence an application may carry (files); empty: the platform's defaults
 */
public record Association(String code, String name, String state, String timeZone, List<String> languages,
                          Contact contact, Coordinator coordinator, String mailFrom, List<String> noticesOff,
                          List<String> categories,
                          BadgeIssuer badgeIssuer, List<ExamVersion> exam, References references,
                          List<MembershipVersion> membership, List<RequirementVersion> requirements,
                          List<FeeSchedule> fees, List<RenewalVersion> renewal, List<EvidenceVersion> evidence) {

    /** The languages the platform speaks. */
    public static final List<String> LANGUAGES = List.of("en", "es");

    public Association {
        languages = copy(languages);
        noticesOff = copy(noticesOff);
        categories = copy(categories);
        exam = copy(exam);
        membership = copy(membership);
        requirements = copy(requirements);
        fees = copy(fees);
        renewal = copy(renewal);
        evidence = copy(evidence);
    }

    /** A record from before evidence limits were part of the policy: the platform's defaults apply. */
    public Association(String code, String name, String state, String timeZone, List<String> languages,
                       Contact contact, Coordinator coordinator, String mailFrom, List<String> noticesOff,
                       List<String> categories, BadgeIssuer badgeIssuer, List<ExamVersion> exam,
                       References references, List<MembershipVersion> membership,
                       List<RequirementVersion> requirements, List<FeeSchedule> fees, List<RenewalVersion> renewal) {
        this(code, name, state, timeZone, languages, contact, coordinator, mailFrom, noticesOff, categories,
                badgeIssuer, exam, references, membership, requirements, fees, renewal, List.of());
    }

    /** Every rule this record breaks, each naming its field; empty when the record may be accepted. */
    public List<Violation> violations() {
        return AssociationCheck.violations(this);
    }

    /** The record, or {@link InvalidAssociation} listing every violation. */
    public Association validated() {
        List<Violation> violations = violations();
        if (!violations.isEmpty()) {
            throw new InvalidAssociation(violations);
        }
        return this;
    }

    public ZoneId zone() {
        return ZoneId.of(timeZone);
    }

    /** The association's day an instant falls on. */
    public LocalDate day(Instant at) {
        return LocalDate.ofInstant(at, zone());
    }

    /** Today as the association counts days. */
    public LocalDate today(Clock clock) {
        return day(clock.instant());
    }

    /** Whether the association sends notices of this kind: it has not switched them off. */
    public boolean sends(NoticeKind notice) {
        return !noticesOff.contains(notice.code());
    }

    public boolean offers(Category category) {
        return categories.isEmpty() || categories.contains(category.abbreviation());
    }

    /** The categories it offers, all of the Alliance's when it lists none. */
    public List<Category> offeredCategories() {
        return Arrays.stream(Category.values()).filter(this::offers).toList();
    }

    /** The renewal policy in force on {@code day}, with the late fee of the prices in force that day. */
    public RenewalPolicy renewalPolicy(LocalDate day) {
        return inForce(renewal, day, "renewal").policy(Versions.inForce(fees, day).orElse(null));
    }

    /** The prices in force on {@code day}. */
    public FeeSchedule feesOn(LocalDate day) {
        return inForce(fees, day, "fees");
    }

    public ExamVersion examOn(LocalDate day) {
        return inForce(exam, day, "exam");
    }

    public MembershipVersion membershipOn(LocalDate day) {
        return inForce(membership, day, "membership");
    }

    /** The evidence limits in force on {@code day}; the platform's defaults where no version states them. */
    public EvidenceVersion evidenceOn(LocalDate day) {
        return Versions.inForce(evidence, day).orElseGet(EvidenceVersion::defaults);
    }

    /** The requirements of {@code category} in force on {@code day}: the latest version that states them. */
    public RequirementRule requirementsOn(Category category, LocalDate day) {
        RequirementRule found = null;
        for (RequirementVersion version : Versions.byDate(requirements)) {
            if (version.effectiveFrom().isAfter(day)) {
                break;
            }
            for (RequirementRule rule : version.rules()) {
                if (rule.categories().contains(category.abbreviation())) {
                    found = rule;
                }
            }
        }
        if (found == null) {
            throw new IllegalStateException("Association " + code + " states no requirements for "
                    + category.abbreviation() + " on " + day);
        }
        return found;
    }

    /** The version of a part in force on {@code day}. */
    public <V extends Versioned> V inForce(List<V> versions, LocalDate day, String part) {
        return Versions.inForce(versions, day).orElseThrow(() -> new IllegalStateException(
                "Association " + code + " has no " + part + " version in force on " + day));
    }

    /** The same record with one part's versions replaced; used by the owner to apply a new version. */
    public Association withFees(List<FeeSchedule> fees) {
        return withPolicy(exam, references, membership, requirements, fees, renewal);
    }

    public Association withRenewal(List<RenewalVersion> renewal) {
        return withPolicy(exam, references, membership, requirements, fees, renewal);
    }

    public Association withRequirements(List<RequirementVersion> requirements) {
        return withPolicy(exam, references, membership, requirements, fees, renewal);
    }

    public Association withExam(List<ExamVersion> exam) {
        return withPolicy(exam, references, membership, requirements, fees, renewal);
    }

    public Association withMembership(List<MembershipVersion> membership) {
        return withPolicy(exam, references, membership, requirements, fees, renewal);
    }

    public Association withReferences(References references) {
        return withPolicy(exam, references, membership, requirements, fees, renewal);
    }

    public Association withEvidence(List<EvidenceVersion> evidence) {
        return new Association(code, name, state, timeZone, languages, contact, coordinator, mailFrom, noticesOff,
                categories, badgeIssuer, exam, references, membership, requirements, fees, renewal, evidence);
    }

    private Association withPolicy(List<ExamVersion> exam, References references, List<MembershipVersion> membership,
                                   List<RequirementVersion> requirements, List<FeeSchedule> fees,
                                   List<RenewalVersion> renewal) {
        return new Association(code, name, state, timeZone, languages, contact, coordinator, mailFrom, noticesOff,
                categories, badgeIssuer, exam, references, membership, requirements, fees, renewal, evidence);
    }

    /** How the public reaches the association. */
    public record Contact(PostalAddress address, String email, String phone) {
    }

    public record PostalAddress(String street, String city, String state, String postalCode) {
    }

    /** The person who coordinates endorsement at the association. */
    public record Coordinator(String name, String email) {
    }

    /**
     * The association as its badges and certificates name it, and where its signing key is kept: the key itself is
     * a secret and never travels in the record ({@code signingKeyReference} names the setting or secret holding it).
     */
    public record BadgeIssuer(String name, String signingKeyReference) {
    }

    private static <T> List<T> copy(List<T> list) {
        return list == null ? List.of() : List.copyOf(list);
    }
}
