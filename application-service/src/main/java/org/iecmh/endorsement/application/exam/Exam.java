package org.iecmh.endorsement.application.exam;

import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.messaging.annotation.MetaDataValue;
import org.iecmh.endorsement.application.casefile.ApplicationStatus;
import org.iecmh.endorsement.application.casefile.CaseFacts;
import org.iecmh.endorsement.application.policy.ReviewerEligibility;
import org.iecmh.endorsement.application.requirements.CategoryRequirements;
import org.iecmh.endorsement.application.review.Reviewer;
import org.iecmh.endorsement.kit.audit.AuditMetadata;
import org.iecmh.endorsement.kit.web.DomainRuleViolation;

import java.time.LocalDate;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * The application's exam (a member of the Application aggregate): the current sitting, who booked it, its two
 * scorers and their scores per part, and after a failure the first day of a retake.
 */
public class Exam {

    /** The root's facts; not part of a snapshot, handed over again whenever the root is made. */
    private transient CaseFacts application;
    private ExamScheduled sitting;
    /** Who booked the current sitting (never one of its scorers), and the subjects of its assigned scorers. */
    private String bookedBy;
    private List<String> scorers = List.of();
    private final Map<ExamPart, Map<String, Integer>> scores = new EnumMap<>(ExamPart.class);
    private LocalDate retakeFrom;

    public Exam(CaseFacts application) {
        this.application = application;
    }

    /** For Jackson only, which fills in a snapshot's exam in place. */
    Exam() {
    }

    @CommandHandler
    void handle(ScheduleExam command) {
        // The state first: a draft or withdrawn application has no requirements to ask about its exam.
        if (application.status() != ApplicationStatus.PORTFOLIO_APPROVED
                && application.status() != ApplicationStatus.EXAM_FAILED) {
            throw new DomainRuleViolation("exam-needs-approved-portfolio", "Application "
                    + application.applicationId() + " is " + application.status()
                    + "; the exam follows the reviewers' approval of the portfolio");
        }
        CategoryRequirements requirements = application.requirements();
        if (!requirements.exam()) {
            throw new DomainRuleViolation("no-exam", application.category().abbreviation() + " has no exam");
        }
        if (retakeFrom != null && command.sittingOn().isBefore(retakeFrom)) {
            throw new DomainRuleViolation("exam-retake-too-soon",
                    "After a failed exam the next sitting can be on " + retakeFrom + " at the earliest");
        }
        List<ExamPart> parts = requirements.examVignettes()
                ? List.of(ExamPart.MULTIPLE_CHOICE, ExamPart.VIGNETTES) : List.of(ExamPart.MULTIPLE_CHOICE);
        apply(new ExamScheduled(application.applicationId(), application.tenantId(),
                sitting == null ? 1 : sitting.attempt() + 1, command.sittingOn(), parts, command.passPercent(),
                command.retakeAfterMonths()));
    }

    /**
     * Two scorers, blind and independent: each qualifies as a reviewer of the application would (an endorsement that
     * stands, at its level or higher, in its track), neither is the candidate nor whoever booked the sitting, and
     * neither reviewed the portfolio unless the association allows it. Named again only before any score.
     */
    @CommandHandler
    void handle(AssignScorers command) {
        requireScheduled();
        if (!scores.isEmpty()) {
            throw new DomainRuleViolation("exam-scored", "Scoring of attempt " + sitting.attempt()
                    + " has begun; its scorers stay");
        }
        List<Reviewer> named = command.scorers();
        if (named.size() != 2 || named.get(0).subject().equals(named.get(1).subject())) {
            throw new DomainRuleViolation("two-scorers", "An exam is scored by two different scorers");
        }
        for (Reviewer scorer : named) {
            if (scorer.subject().equals(application.personId())) {
                throw new DomainRuleViolation("scorer-is-candidate", "No one scores their own exam");
            }
            if (scorer.subject().equals(bookedBy)) {
                throw new DomainRuleViolation("scorer-booked-sitting",
                        scorer.subject() + " booked the sitting and cannot score it");
            }
            if (!command.reviewersMayScore() && application.reviewedBy(scorer.subject())) {
                throw new DomainRuleViolation("scorer-is-reviewer", scorer.subject() + " reviewed the portfolio; "
                        + "the association has its exams scored by others");
            }
            ReviewerEligibility.require(scorer, application.category());
        }
        apply(new ScorersAssigned(application.applicationId(), application.tenantId(), sitting.attempt(),
                command.candidateCode(), List.copyOf(named)));
    }

    /** Only the assigned scorers score, each part once, from the sitting's date; the result follows the last score. */
    @CommandHandler
    void handle(RecordExamScore command) {
        requireScheduled();
        if (!sitting.parts().contains(command.part())) {
            throw new DomainRuleViolation("exam-part",
                    application.category().abbreviation() + "'s exam has no " + command.part());
        }
        if (command.scorer().equals(application.personId())) {
            throw new DomainRuleViolation("scorer-is-candidate", "No one scores their own exam");
        }
        if (!scorers.contains(command.scorer())) {
            throw new DomainRuleViolation("not-a-scorer", command.scorer() + " is not a scorer of this sitting");
        }
        if (command.on().isBefore(sitting.sittingOn())) {
            throw new DomainRuleViolation("exam-not-sat-yet", "The sitting is on " + sitting.sittingOn()
                    + "; its scores are recorded from that day");
        }
        Map<String, Integer> partScores = scores.getOrDefault(command.part(), Map.of());
        if (partScores.containsKey(command.scorer())) {
            throw new DomainRuleViolation("exam-scored", command.scorer() + " has scored " + command.part() + " already");
        }
        if (partScores.size() == 2) {
            throw new DomainRuleViolation("exam-scored", command.part() + " has its two scores already");
        }
        String applicationId = application.applicationId();
        String tenantId = application.tenantId();
        apply(new ExamScoreRecorded(applicationId, tenantId, sitting.attempt(), command.part(), command.scorer(),
                command.percent()));
        boolean complete = sitting.parts().stream()
                .allMatch(part -> scores.getOrDefault(part, Map.of()).size() == 2);
        if (!complete) {
            return;
        }
        Map<ExamPart, Double> averages = new EnumMap<>(ExamPart.class);
        sitting.parts().forEach(part -> averages.put(part,
                scores.get(part).values().stream().mapToInt(Integer::intValue).average().orElse(0)));
        if (averages.values().stream().allMatch(score -> score >= sitting.passPercent())) {
            apply(new ExamPassed(applicationId, tenantId, sitting.attempt(), averages));
        } else {
            apply(new ExamFailed(applicationId, tenantId, sitting.attempt(), averages,
                    sitting.sittingOn().plusMonths(sitting.retakeAfterMonths())));
        }
    }

    private void requireScheduled() {
        if (application.status() != ApplicationStatus.EXAM_SCHEDULED) {
            throw new DomainRuleViolation("no-exam-to-score",
                    "Application " + application.applicationId() + " has no exam to score");
        }
    }

    @EventSourcingHandler
    void on(ExamScheduled event, @MetaDataValue(AuditMetadata.SUBJECT) String booker) {
        sitting = event;
        bookedBy = booker;
        scores.clear();
        scorers = List.of();
    }

    @EventSourcingHandler
    void on(ScorersAssigned event) {
        scorers = event.scorers().stream().map(Reviewer::subject).toList();
    }

    @EventSourcingHandler
    void on(ExamScoreRecorded event) {
        scores.computeIfAbsent(event.part(), part -> new LinkedHashMap<>()).put(event.scorer(), event.percent());
    }

    @EventSourcingHandler
    void on(ExamFailed event) {
        retakeFrom = event.retakeFrom();
    }
}
