package org.iecmh.endorsement.contracts.association;

import org.iecmh.endorsement.contracts.Category;
import org.iecmh.endorsement.contracts.NoticeKind;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The rules an association record must keep as a whole, each violation named by its field path and rule code. The
 * same rules that each service once checked in its configuration at start-up, so that a record accepted by the owner
 * is one every service can use.
 */
final class AssociationCheck {

    static final String CODE_PATTERN = "[a-z][a-z0-9-]{1,15}";

    private AssociationCheck() {
    }

    static List<Violation> violations(Association a) {
        Checks checks = new Checks();
        if (checks.required("code", a.code()) && !a.code().matches(CODE_PATTERN)) {
            checks.add("code", "association-code", "code must be 2 to 16 lower-case letters, digits or hyphens, "
                    + "starting with a letter, was " + a.code());
        }
        checks.required("name", a.name());
        if (checks.required("state", a.state()) && !a.state().matches("[A-Z]{2}")) {
            checks.add("state", "state-code", "state must be a two-letter state code such as MA, was " + a.state());
        }
        checks.timeZone("timeZone", a.timeZone());
        if (checks.required("languages", a.languages())) {
            unique(checks, "languages", a.languages(), "language-unique");
            for (int i = 0; i < a.languages().size(); i++) {
                checks.oneOf("languages[" + i + "]", a.languages().get(i), Association.LANGUAGES);
            }
        }
        if (a.contact() != null) {
            checks.email("contact.email", a.contact().email());
        }
        if (a.coordinator() != null) {
            checks.email("coordinator.email", a.coordinator().email());
        }
        checks.email("mailFrom", a.mailFrom());
        for (int i = 0; i < a.noticesOff().size(); i++) {
            checks.oneOf("noticesOff[" + i + "]", a.noticesOff().get(i), NoticeKind.switchableCodes());
        }
        unique(checks, "noticesOff", a.noticesOff(), "notice-unique");
        for (int i = 0; i < a.categories().size(); i++) {
            checks.knownCategory("categories[" + i + "]", a.categories().get(i));
        }
        unique(checks, "categories", a.categories(), "category-unique");
        if (checks.required("badgeIssuer", a.badgeIssuer())) {
            checks.required("badgeIssuer.name", a.badgeIssuer().name());
        }
        exam(checks, a.exam());
        references(checks, a.references());
        membership(checks, a.membership());
        evidence(checks, a.evidence());
        requirements(checks, a);
        fees(checks, a.fees());
        if (checks.required("renewal", a.renewal())) {
            for (int i = 0; i < a.renewal().size(); i++) {
                a.renewal().get(i).check(checks, "renewal[" + i + "].");
            }
            effectiveFromUnique(checks, "renewal", a.renewal());
        }
        return checks.found();
    }

    private static void exam(Checks checks, List<ExamVersion> versions) {
        if (!checks.required("exam", versions)) {
            return;
        }
        for (int i = 0; i < versions.size(); i++) {
            String at = "exam[" + i + "].";
            ExamVersion exam = versions.get(i);
            checks.required(at + "effectiveFrom", exam.effectiveFrom());
            checks.range(at + "passPercent", exam.passPercent(), 1, 100);
            checks.notNegative(at + "retakeAfterMonths", exam.retakeAfterMonths());
        }
        effectiveFromUnique(checks, "exam", versions);
    }

    private static void references(Checks checks, References references) {
        if (!checks.required("references", references)) {
            return;
        }
        checks.positiveDuration("references.linkLifetime", references.linkLifetime());
        checks.notNegative("references.minimumKnownMonths", references.minimumKnownMonths());
        checks.atLeast("references.notEnoughInformationLimit", references.notEnoughInformationLimit(), 1);
        if (!checks.required("references.forms", references.forms())) {
            return;
        }
        Set<Integer> versions = new HashSet<>();
        for (int f = 0; f < references.forms().size(); f++) {
            References.RatingForm form = references.forms().get(f);
            String at = "references.forms[" + f + "].";
            if (form.version() == null || form.version() < 1 || !versions.add(form.version())) {
                checks.add(at + "version", "form-version", at + "version must be a number from 1, once per form");
            }
            checks.required(at + "effectiveFrom", form.effectiveFrom());
            if (!checks.required(at + "items", form.items())) {
                continue;
            }
            Set<String> ids = new HashSet<>();
            for (int i = 0; i < form.items().size(); i++) {
                References.RatingItem item = form.items().get(i);
                if (item.id() == null || !item.id().matches("[a-z][a-z0-9-]{0,39}") || !ids.add(item.id())) {
                    checks.add(at + "items[" + i + "].id", "item-id",
                            "an item's id must be a short lower-case name, once per form");
                }
                checks.required(at + "items[" + i + "].text", item.text());
                for (Map.Entry<String, String> translation : item.translations().entrySet()) {
                    String field = at + "items[" + i + "].translations." + translation.getKey();
                    if (!Association.LANGUAGES.contains(translation.getKey())) {
                        checks.add(field, "language", "a translation is in one of " + Association.LANGUAGES);
                    }
                    checks.required(field, translation.getValue());
                }
            }
        }
        effectiveFromUnique(checks, "references.forms", references.forms());
    }

    private static void membership(Checks checks, List<MembershipVersion> versions) {
        if (!checks.required("membership", versions)) {
            return;
        }
        for (int i = 0; i < versions.size(); i++) {
            String at = "membership[" + i + "].";
            checks.required(at + "effectiveFrom", versions.get(i).effectiveFrom());
            checks.monthDay(at + "nextYearAfter", versions.get(i).nextYearAfter());
            checks.required(at + "requiredToApply", versions.get(i).requiredToApply());
        }
        effectiveFromUnique(checks, "membership", versions);
    }

    /** Optional as a part: without a version the platform's defaults apply. */
    private static void evidence(Checks checks, List<EvidenceVersion> versions) {
        for (int i = 0; i < versions.size(); i++) {
            versions.get(i).check(checks, "evidence[" + i + "].");
        }
        effectiveFromUnique(checks, "evidence", versions);
    }

    private static void requirements(Checks checks, Association a) {
        List<RequirementVersion> versions = a.requirements();
        if (!checks.required("requirements", versions)) {
            return;
        }
        for (int v = 0; v < versions.size(); v++) {
            String at = "requirements[" + v + "]";
            RequirementVersion version = versions.get(v);
            checks.required(at + ".effectiveFrom", version.effectiveFrom());
            if (checks.required(at + ".rules", version.rules())) {
                for (int r = 0; r < version.rules().size(); r++) {
                    rule(checks, version.rules().get(r), at + ".rules[" + r + "]");
                }
            }
        }
        effectiveFromUnique(checks, "requirements", versions);
        Optional<RequirementVersion> earliest = Versions.byDate(versions).stream()
                .filter(version -> version.effectiveFrom() != null).findFirst();
        earliest.ifPresent(first -> {
            int index = versions.indexOf(first);
            for (Category category : a.offeredCategories()) {
                if (first.rules().stream().noneMatch(rule -> rule.categories().contains(category.abbreviation()))) {
                    checks.add("requirements[" + index + "].rules", "category-not-covered", "the earliest version "
                            + "must state the requirements of " + category.abbreviation());
                }
            }
        });
    }

    private static void rule(Checks checks, RequirementRule rule, String at) {
        if (checks.required(at + ".categories", rule.categories())) {
            for (int c = 0; c < rule.categories().size(); c++) {
                checks.knownCategory(at + ".categories[" + c + "]", rule.categories().get(c));
            }
        }
        checks.oneOf(at + ".degree", rule.degree(), RequirementTerms.DEGREES);
        checks.oneOf(at + ".workActivity", rule.workActivity(), RequirementTerms.WORK_ACTIVITIES);
        if (rule.trainingDomains() != null) {
            rule.trainingDomains().forEach(domain ->
                    checks.oneOf(at + ".trainingDomains", domain, RequirementTerms.COMPETENCY_DOMAINS));
        }
        if (rule.referenceRelationships() != null) {
            for (int i = 0; i < rule.referenceRelationships().size(); i++) {
                checks.oneOf(at + ".referenceRelationships[" + i + "]", rule.referenceRelationships().get(i),
                        RequirementTerms.RATER_RELATIONSHIPS);
            }
        }
        if (checks.required(at + ".trainingHours", rule.trainingHours())) {
            checks.notNegative(at + ".trainingHours", rule.trainingHours());
        }
        checks.notNegative(at + ".workYears", rule.workYears());
        checks.notNegative(at + ".workYearsInsteadOfDegree", rule.workYearsInsteadOfDegree());
        checks.notNegative(at + ".supervisionHours", rule.supervisionHours());
        BigDecimal about = rule.supervisionAboutProvidingHours();
        if (about != null && (about.signum() < 0 || about.compareTo(
                rule.supervisionHours() == null ? BigDecimal.ZERO : rule.supervisionHours()) > 0)) {
            checks.add(at + ".supervisionAboutProvidingHours", "within-supervision-hours",
                    "supervisionAboutProvidingHours must be from zero to supervisionHours");
        }
        checks.notNegative(at + ".references", rule.references());
        if (rule.referenceRelationships() != null
                && rule.referenceRelationships().size() > (rule.references() == null ? 0 : rule.references())) {
            checks.add(at + ".referenceRelationships", "more-than-references",
                    "referenceRelationships names more raters than references asks for");
        }
        checks.atLeast(at + ".supervisionWindowMonths", rule.supervisionWindowMonths(), 1);
    }

    private static void fees(Checks checks, List<FeeSchedule> versions) {
        if (!checks.required("fees", versions)) {
            return;
        }
        for (int i = 0; i < versions.size(); i++) {
            String at = "fees[" + i + "].";
            FeeSchedule fees = versions.get(i);
            checks.required(at + "effectiveFrom", fees.effectiveFrom());
            if (checks.required(at + "currency", fees.currency())) {
                checks.currency(at + "currency", fees.currency());
            }
            if (checks.required(at + "dueDays", fees.dueDays())) {
                checks.atLeast(at + "dueDays", fees.dueDays(), 1);
            }
            for (int level = 1; level <= 4; level++) {
                cents(checks, at + "registration." + level, fees.registration().get(level), true);
                cents(checks, at + "processing." + level, fees.processing().get(level), true);
            }
            levels(checks, at + "registration", fees.registration());
            levels(checks, at + "processing", fees.processing());
            cents(checks, at + "membershipDues", fees.membershipDues(), false);
            cents(checks, at + "renewal", fees.renewal(), false);
            cents(checks, at + "lateFee", fees.lateFee(), false);
            cents(checks, at + "reinstatement", fees.reinstatement(), false);
            for (Map.Entry<String, Set<String>> entry : fees.nonRefundable().entrySet()) {
                String field = at + "nonRefundable." + entry.getKey();
                checks.oneOf(field, entry.getKey(), FeeSchedule.REFUND_REASONS);
                if (entry.getValue() != null) {
                    entry.getValue().forEach(kind -> checks.oneOf(field, kind, FeeSchedule.FEE_KINDS));
                }
            }
        }
        effectiveFromUnique(checks, "fees", versions);
    }

    private static void cents(Checks checks, String field, Long cents, boolean required) {
        if (cents == null) {
            if (required) {
                checks.add(field, "required", field + " is required: a whole number of cents, zero or more");
            }
        } else if (cents < 0) {
            checks.add(field, "not-negative", field + " must be a whole number of cents, zero or more");
        }
    }

    private static void levels(Checks checks, String field, Map<Integer, Long> byLevel) {
        byLevel.keySet().stream().filter(level -> level < 1 || level > 4).forEach(level ->
                checks.add(field + "." + level, "category-level", field + " is priced per level 1 to 4, not " + level));
    }

    private static <V extends Versioned> void effectiveFromUnique(Checks checks, String part, List<V> versions) {
        Set<LocalDate> seen = new HashSet<>();
        for (int i = 0; i < versions.size(); i++) {
            LocalDate from = versions.get(i).effectiveFrom();
            if (from != null && !seen.add(from)) {
                checks.add(part + "[" + i + "].effectiveFrom", "effective-from-unique",
                        part + " has two versions effective from " + from);
            }
        }
    }

    private static void unique(Checks checks, String field, List<String> items, String rule) {
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < items.size(); i++) {
            if (!seen.add(items.get(i))) {
                checks.add(field + "[" + i + "]", rule, field + " lists " + items.get(i) + " twice");
            }
        }
    }
}
