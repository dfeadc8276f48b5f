package org.iecmh.endorsement.contracts.association;

import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

/** A record is checked as a whole: every rule it breaks is named by field path and rule code. */
class AssociationCheckTest {

    private final Association ma = AssociationSeed.load().get(0);

    @Test
    void everyViolationIsListedWithItsFieldAndRule() {
        Association broken = new Association("MA!", " ", "Massachusetts", "Eastern", List.of("en", "fr"), null, null,
                "not-an-address", List.of("invoice-paid", "reference-request", "no-such-notice", "invoice-paid"),
                List.of("IFA", "XYZ"), new Association.BadgeIssuer(null, null), ma.exam(),
                ma.references(), ma.membership(), ma.requirements(), ma.fees(), ma.renewal());

        assertThat(broken.violations()).extracting(Violation::field, Violation::rule).containsExactlyInAnyOrder(
                tuple("code", "association-code"),
                tuple("name", "required"),
                tuple("state", "state-code"),
                tuple("timeZone", "iana-time-zone"),
                tuple("languages[1]", "one-of"),
                tuple("mailFrom", "email"),
                tuple("noticesOff[1]", "one-of"),
                tuple("noticesOff[2]", "one-of"),
                tuple("noticesOff[3]", "notice-unique"),
                tuple("categories[1]", "unknown-category"),
                tuple("badgeIssuer.name", "required"));
        assertThat(broken.violations()).allSatisfy(v -> assertThat(v.message()).isNotBlank());
    }

    @Test
    void anAssociationSwitchesOffANoticeItSendsItself() {
        Association quiet = new Association(ma.code(), ma.name(), ma.state(), ma.timeZone(), ma.languages(),
                ma.contact(), ma.coordinator(), ma.mailFrom(), List.of("invoice-paid"), ma.categories(),
                ma.badgeIssuer(), ma.exam(), ma.references(), ma.membership(), ma.requirements(), ma.fees(),
                ma.renewal());

        assertThat(quiet.violations()).isEmpty();
        assertThat(quiet.sends(org.iecmh.endorsement.contracts.NoticeKind.INVOICE_PAID)).isFalse();
        assertThat(quiet.sends(org.iecmh.endorsement.contracts.NoticeKind.INVOICE_ISSUED)).isTrue();
        assertThat(ma.noticesOff()).isEmpty();
    }

    @Test
    void aFeeVersionNamesTheLevelAndFeeItBreaks() {
        FeeSchedule first = ma.fees().get(0);
        Map<Integer, Long> registration = new HashMap<>(first.registration());
        registration.put(3, -1L);
        registration.remove(4);
        FeeSchedule second = new FeeSchedule(LocalDate.of(2027, 1, 1), "usd", 0, registration, first.processing(),
                null, -5L, null, null, Map.of("lost", java.util.Set.of("processing")));
        FeeSchedule sameDay = new FeeSchedule(LocalDate.of(2027, 1, 1), "USD", 30, first.registration(),
                first.processing(), null, null, null, null, null);

        assertThat(ma.withFees(List.of(first, second, sameDay)).violations())
                .extracting(Violation::field, Violation::rule).containsExactlyInAnyOrder(
                        tuple("fees[1].currency", "iso-currency"),
                        tuple("fees[1].dueDays", "at-least"),
                        tuple("fees[1].registration.3", "not-negative"),
                        tuple("fees[1].registration.4", "required"),
                        tuple("fees[1].renewal", "not-negative"),
                        tuple("fees[1].nonRefundable.lost", "one-of"),
                        tuple("fees[2].effectiveFrom", "effective-from-unique"));
    }

    @Test
    void aRenewalVersionIsReadByTheOneParserAndItsRulesAreNamed() {
        RenewalVersion good = ma.renewal().get(0);
        RenewalVersion bad = new RenewalVersion(LocalDate.of(2028, 1, 1), "fixed-window", null, "12-01", "10-31",
                null, 0, -1, List.of(0), null, 10, 11, null, java.util.Set.of("IMHS", "XYZ"), null, true, null,
                null, 101);

        assertThat(ma.withRenewal(List.of(good, bad)).violations()).extracting(Violation::field, Violation::rule)
                .containsExactlyInAnyOrder(
                        tuple("renewal[1].cycleYears", "at-least"),
                        tuple("renewal[1].anchorYear", "required"),
                        tuple("renewal[1].closes", "closes-after-opens"),
                        tuple("renewal[1].graceDays", "not-negative"),
                        tuple("renewal[1].reminderDaysBeforeOpening", "at-least"),
                        tuple("renewal[1].deiHoursPerYear", "at-most"),
                        tuple("renewal[1].reflectiveSupervisionCategories", "unknown-category"),
                        tuple("renewal[1].codeOfEthicsPerYear", "required"),
                        tuple("renewal[1].auditPercent", "range"));
        assertThatThrownBy(() -> bad.policy(null)).isInstanceOf(InvalidAssociation.class)
                .hasMessageContaining("renewal.cycleYears");
        assertThat(new RenewalVersion(null, "monthly", null, null, null, null, null, null, null, null,
                0, null, null, null, false, false, null, null, null).violations("renewal[0]"))
                .extracting(Violation::field, Violation::rule)
                .containsExactlyInAnyOrder(tuple("renewal[0].effectiveFrom", "required"),
                        tuple("renewal[0].model", "one-of"));
    }

    @Test
    void theEarliestRequirementsStateEveryOfferedCategoryAndUseKnownWords() {
        RequirementVersion earliest = ma.requirements().get(0);
        List<RequirementRule> rules = new ArrayList<>(earliest.rules());
        RequirementRule associates = rules.remove(0);
        rules.add(new RequirementRule(List.of("IFA"), "college", null, -1, null, null, null,
                java.util.Set.of("painting"), null, 0, 1, List.of("current-supervisor", "neighbour"), null, null,
                null, null));
        Association missingEcfa = ma.withRequirements(List.of(new RequirementVersion(earliest.effectiveFrom(), rules)));

        assertThat(missingEcfa.violations()).extracting(Violation::field, Violation::rule).containsExactlyInAnyOrder(
                tuple("requirements[0].rules", "category-not-covered"),
                tuple("requirements[0].rules[4].degree", "one-of"),
                tuple("requirements[0].rules[4].workYears", "not-negative"),
                tuple("requirements[0].rules[4].trainingDomains", "one-of"),
                tuple("requirements[0].rules[4].trainingHours", "required"),
                tuple("requirements[0].rules[4].supervisionWindowMonths", "at-least"),
                tuple("requirements[0].rules[4].referenceRelationships[1]", "one-of"),
                tuple("requirements[0].rules[4].referenceRelationships", "more-than-references"));
        assertThat(associates.categories()).containsExactly("IFA", "ECFA");
    }

    @Test
    void examMembershipAndReferenceFormsAreChecked() {
        Association broken = ma.withExam(List.of(new ExamVersion(null, 120, -1, null)))
                .withMembership(List.of(new MembershipVersion(LocalDate.of(2020, 1, 1), "9/1", null)))
                .withReferences(new References("P0D", -1, 0, List.of(new References.RatingForm(1, null, List.of(
                        new References.RatingItem("Observation", " ", Map.of("fr", "Observe", "es", " ")))))));

        assertThat(broken.violations()).extracting(Violation::field, Violation::rule).containsExactlyInAnyOrder(
                tuple("exam[0].effectiveFrom", "required"),
                tuple("exam[0].passPercent", "range"),
                tuple("exam[0].retakeAfterMonths", "not-negative"),
                tuple("membership[0].nextYearAfter", "month-day"),
                tuple("membership[0].requiredToApply", "required"),
                tuple("references.linkLifetime", "positive"),
                tuple("references.minimumKnownMonths", "not-negative"),
                tuple("references.notEnoughInformationLimit", "at-least"),
                tuple("references.forms[0].effectiveFrom", "required"),
                tuple("references.forms[0].items[0].id", "item-id"),
                tuple("references.forms[0].items[0].text", "required"),
                tuple("references.forms[0].items[0].translations.fr", "language"),
                tuple("references.forms[0].items[0].translations.es", "required"));
        assertThatThrownBy(broken::validated).isInstanceOf(InvalidAssociation.class)
                .satisfies(e -> assertThat(((InvalidAssociation) e).violations()).hasSize(13));
    }

    @Test
    void anEmptyRecordNamesEveryRequiredPart() {
        Association empty = new Association(null, null, null, null, null, null, null, null, null, null, null, null,
                null, null, null, null, null);

        assertThat(empty.violations()).extracting(Violation::field).containsExactlyInAnyOrder("code", "name",
                "state", "timeZone", "languages", "badgeIssuer", "exam", "references", "membership", "requirements",
                "fees", "renewal");
        assertThat(empty.violations()).extracting(Violation::rule).containsOnly("required");
    }
}
