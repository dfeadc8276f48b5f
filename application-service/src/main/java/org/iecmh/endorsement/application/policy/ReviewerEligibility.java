package org.iecmh.endorsement.application.policy;

import org.iecmh.endorsement.application.review.HeldEndorsement;
import org.iecmh.endorsement.application.review.Reviewer;
import org.iecmh.endorsement.contracts.Category;
import org.iecmh.endorsement.kit.web.DomainRuleViolation;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Who may review a portfolio or score an exam (docs/architecture.md, Domain rules): someone whose endorsement stands
 * today, at the application's level or higher, in the same track. Levels I to III and the clinical Mentors form the
 * practice track; policy Mentors and research/faculty Mentors each form their own, so neither reviews a clinical
 * portfolio nor the other's.
 */
public final class ReviewerEligibility {

    /** The tracks of the Alliance's categories; a reviewer's track must be the application's. */
    public enum Track {
        PRACTICE, POLICY, RESEARCH;

        public static Track of(Category category) {
            return switch (category) {
                case IMHM_P, ECMHM_P -> POLICY;
                case IMHM_R, ECMHM_R -> RESEARCH;
                default -> PRACTICE;
            };
        }
    }

    private ReviewerEligibility() {
    }

    /** Whether an endorsement in {@code held} makes its holder a reviewer of an application in {@code applied}. */
    public static boolean qualifies(Category held, Category applied) {
        return Track.of(held) == Track.of(applied) && held.level() >= applied.level();
    }

    /** Why an endorsee in {@code held} may not review an application in {@code applied}, if they may not. */
    public static Optional<DomainRuleViolation> whyNot(String subject, Category held, Category applied) {
        if (qualifies(held, applied)) {
            return Optional.empty();
        }
        if (Track.of(held) != Track.of(applied)) {
            return Optional.of(new DomainRuleViolation("reviewer-track", subject + " is endorsed as "
                    + held.abbreviation() + "; reviewers of " + applied.abbreviation()
                    + " are endorsed in the same track (" + Track.of(applied).name().toLowerCase() + ")"));
        }
        return Optional.of(new DomainRuleViolation("reviewer-level", subject + " is endorsed as "
                + held.abbreviation() + "; reviewers of " + applied.abbreviation()
                + " are endorsed at the same level or higher"));
    }

    /** No one reviews their own application ({@code reviewer-is-applicant}). */
    public static void requireNotApplicant(String subject, String applicantId) {
        if (subject.equals(applicantId)) {
            throw new DomainRuleViolation("reviewer-is-applicant", "No one reviews their own application");
        }
    }

    /**
     * The endorsement that makes {@code subject} a reviewer of the application of {@code applicantId} in
     * {@code applied}, as {@link #nominate} and {@link #requireNotApplicant} decide; empty if either refuses them.
     */
    public static Optional<Reviewer> qualifying(String subject, List<HeldEndorsement> held, Category applied,
                                                String applicantId) {
        if (subject.equals(applicantId)) {
            return Optional.empty();
        }
        return standing(held).stream().filter(e -> qualifies(e.category(), applied)).findFirst()
                .map(e -> new Reviewer(subject, e.endorsementNumber(), e.category()));
    }

    /** Refuses a reviewer or scorer whose endorsement does not qualify for the application. */
    public static void require(Reviewer reviewer, Category applied) {
        whyNot(reviewer.subject(), reviewer.category(), applied).ifPresent(violation -> {
            throw violation;
        });
    }

    /**
     * The endorsement that makes {@code subject} a reviewer of an application in {@code applied}: the highest that
     * stands and qualifies. Refused when they hold none ({@code reviewer-not-endorsed}), none stands
     * ({@code reviewer-not-active}), or none qualifies ({@code reviewer-track}, {@code reviewer-level}).
     */
    public static Reviewer nominate(String subject, List<HeldEndorsement> held, Category applied) {
        if (held.isEmpty()) {
            throw new DomainRuleViolation("reviewer-not-endorsed", subject + " holds no endorsement and cannot review");
        }
        List<HeldEndorsement> standing = standing(held);
        if (standing.isEmpty()) {
            throw new DomainRuleViolation("reviewer-not-active", subject + "'s endorsement is lapsed, revoked, on "
                    + "hold or transferred; only an endorsement that stands today qualifies");
        }
        HeldEndorsement chosen = standing.stream().filter(e -> qualifies(e.category(), applied)).findFirst()
                .orElse(standing.get(0));
        Reviewer reviewer = new Reviewer(subject, chosen.endorsementNumber(), chosen.category());
        require(reviewer, applied);
        return reviewer;
    }

    /** The endorsements that stand today, the highest level first. */
    private static List<HeldEndorsement> standing(List<HeldEndorsement> held) {
        return held.stream().filter(HeldEndorsement::active)
                .sorted(Comparator.comparingInt((HeldEndorsement e) -> e.category().level()).reversed()).toList();
    }
}
