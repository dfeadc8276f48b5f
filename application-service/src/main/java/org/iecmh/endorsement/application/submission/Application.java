package org.iecmh.endorsement.application.submission;

import org.iecmh.endorsement.kit.audit.AlsoStores;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.messaging.annotation.MetaDataValue;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.serialization.Revision;
import org.axonframework.spring.stereotype.Aggregate;
import org.iecmh.endorsement.application.comments.CommentOnSection;
import org.iecmh.endorsement.application.comments.SectionCommented;
import org.iecmh.endorsement.application.decision.ApplicationDenied;
import org.iecmh.endorsement.application.decision.ApplicationWithdrawn;
import org.iecmh.endorsement.application.decision.DenyApplication;
import org.iecmh.endorsement.application.decision.WithdrawApplication;
import org.iecmh.endorsement.application.exam.AssignScorers;
import org.iecmh.endorsement.application.exam.ExamFailed;
import org.iecmh.endorsement.application.exam.ExamPart;
import org.iecmh.endorsement.application.exam.ExamPassed;
import org.iecmh.endorsement.application.exam.ExamScheduled;
import org.iecmh.endorsement.application.exam.ExamScoreRecorded;
import org.iecmh.endorsement.application.exam.RecordExamScore;
import org.iecmh.endorsement.application.exam.ScheduleExam;
import org.iecmh.endorsement.application.exam.ScorersAssigned;
import org.iecmh.endorsement.application.portfolio.CorrectPortfolioEntry;
import org.iecmh.endorsement.application.portfolio.PortfolioEntry;
import org.iecmh.endorsement.application.portfolio.PortfolioEntryCorrected;
import org.iecmh.endorsement.application.portfolio.PortfolioEntryRecorded;
import org.iecmh.endorsement.application.portfolio.PortfolioEntryRemoved;
import org.iecmh.endorsement.application.portfolio.RecordPortfolioEntry;
import org.iecmh.endorsement.application.portfolio.RemovePortfolioEntry;
import org.iecmh.endorsement.application.references.NameRater;
import org.iecmh.endorsement.application.references.RaterNamed;
import org.iecmh.endorsement.application.references.RaterReplaced;
import org.iecmh.endorsement.application.references.Reference;
import org.iecmh.endorsement.application.references.ReferenceLinkResent;
import org.iecmh.endorsement.application.references.ReferenceSubmitted;
import org.iecmh.endorsement.application.references.ReplaceRater;
import org.iecmh.endorsement.application.references.ResendReferenceLink;
import org.iecmh.endorsement.application.references.SubmitReference;
import org.iecmh.endorsement.application.requirements.CategoryRequirements;
import org.iecmh.endorsement.application.requirements.RequirementCheck;
import org.iecmh.endorsement.application.requirements.RequirementResult;
import org.iecmh.endorsement.application.review.ApplicationHeld;
import org.iecmh.endorsement.application.review.ApplicationReturned;
import org.iecmh.endorsement.application.review.ApproveApplication;
import org.iecmh.endorsement.application.review.AssignReviewers;
import org.iecmh.endorsement.application.review.EndorsementGranted;
import org.iecmh.endorsement.application.review.OpenReview;
import org.iecmh.endorsement.application.review.PortfolioApproved;
import org.iecmh.endorsement.application.review.RecordReview;
import org.iecmh.endorsement.application.review.ReviewDecision;
import org.iecmh.endorsement.application.review.ReviewOpened;
import org.iecmh.endorsement.application.review.ReviewRecorded;
import org.iecmh.endorsement.application.review.Reviewer;
import org.iecmh.endorsement.application.review.ReviewerEligibility;
import org.iecmh.endorsement.application.review.ReviewersAssigned;
import org.iecmh.endorsement.contracts.Category;
import org.iecmh.endorsement.kit.audit.AuditMetadata;
import org.iecmh.endorsement.kit.eventstore.AggregateStorage;
import org.iecmh.endorsement.kit.tenancy.TenantOwnedAggregate;
import org.iecmh.endorsement.kit.web.DomainRuleViolation;
import org.iecmh.endorsement.kit.web.ResourceGone;
import org.iecmh.endorsement.kit.web.UnknownResource;

import java.time.LocalDate;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * One person's application for one endorsement category, from the first entry to the decision. Revision 2: the
 * exam's booker and scorers are part of its state.
 */
@Revision("2")
@AlsoStores(SectionCommented.class)
@Aggregate(snapshotTriggerDefinition = AggregateStorage.SNAPSHOTS, cache = AggregateStorage.CACHE)
public class Application extends TenantOwnedAggregate {

    @AggregateIdentifier
    private String applicationId;
    private String tenantId;
    private String personId;
    private String applicantName;
    private Category category;
    private ApplicationStatus status;
    private String paidInvoiceId;
    private final Map<String, PortfolioEntry> portfolio = new LinkedHashMap<>();
    private List<Reviewer> reviewers = List.of();
    private CategoryRequirements requirements;
    private ExamScheduled exam;
    private final Map<ExamPart, Map<String, Integer>> examScores = new EnumMap<>(ExamPart.class);
    private LocalDate retakeFrom;
    /** Who booked the current sitting (never one of its scorers), and the subjects of its assigned scorers. */
    private String examBookedBy;
    private List<String> scorers = List.of();
    private final Map<String, ReviewRecorded> reviews = new LinkedHashMap<>();
    private String contactEmail;
    /** The raters named, by reference id; a replaced rater leaves this map for {@link #replacedReferences}. */
    private final Map<String, Reference> references = new LinkedHashMap<>();
    private final Set<String> replacedReferences = new HashSet<>();

    protected Application() {
    }

    @CommandHandler
    public Application(StartApplication command, @MetaDataValue(AuditMetadata.TENANT) String tenantId) {
        if (!command.associationStates().contains(command.stateOfResidence())) {
            throw new DomainRuleViolation("applies-in-state-of-residence", "An applicant applies in the state where "
                    + "they live: this association serves " + String.join(", ", new TreeSet<>(
                    command.associationStates())) + ", not " + command.stateOfResidence());
        }
        command.membership().requireMet(command.associationName());
        apply(new ApplicationStarted(command.applicationId(), tenantId, command.personId(), command.applicantName(),
                command.category(), command.contactEmail(), command.stateOfResidence()));
    }

    @CommandHandler
    void handle(NameRater command) {
        requireDraft();
        if (references.containsKey(command.referenceId()) || replacedReferences.contains(command.referenceId())) {
            throw new DomainRuleViolation("reference-exists", "Reference " + command.referenceId() + " exists already");
        }
        requireNewRater(command.email());
        apply(new RaterNamed(applicationId, tenantId, command.referenceId(), command.raterName(), command.email(),
                command.relationship(), command.waivesAccess(), command.formVersion(), command.linkExpiresAt()));
    }

    @CommandHandler
    void handle(ReplaceRater command) {
        requireDraft();
        requireReference(command.replacedReferenceId());
        Reference replaced = references.get(command.replacedReferenceId());
        if (!replaced.email().equalsIgnoreCase(command.email())) {
            requireNewRater(command.email());
        }
        apply(new RaterReplaced(applicationId, tenantId, command.replacedReferenceId(), command.referenceId(),
                command.raterName(), command.email(), command.relationship(), command.waivesAccess(),
                command.formVersion(), command.linkExpiresAt()));
    }

    @CommandHandler
    void handle(ResendReferenceLink command) {
        requireOpen();
        Reference reference = requireReference(command.referenceId());
        if (reference.completed()) {
            throw new DomainRuleViolation("reference-completed",
                    reference.raterName() + " has sent the rating already; there is no link to send again");
        }
        apply(new ReferenceLinkResent(applicationId, tenantId, command.referenceId(), command.linkExpiresAt()));
    }

    /** A link works once, until it expires, and only while its rater has not been replaced. */
    @CommandHandler
    void handle(SubmitReference command) {
        if (replacedReferences.contains(command.referenceId())) {
            throw new ResourceGone("reference-link-replaced",
                    "The applicant has asked someone else for this reference; the link no longer works");
        }
        Reference reference = requireReference(command.referenceId());
        if (reference.completed()) {
            throw new ResourceGone("reference-link-used", "This reference has been sent already; a link works once");
        }
        if (!command.submittedAt().isBefore(reference.linkExpiresAt())) {
            throw new ResourceGone("reference-link-expired", "This link expired on " + reference.linkExpiresAt()
                    + "; the applicant can have a new one sent");
        }
        if (status.isFinal()) {
            throw new ResourceGone("reference-link-expired", "The application was decided; no reference is needed");
        }
        apply(new ReferenceSubmitted(applicationId, tenantId, command.referenceId(), command.rating()));
    }

    private Reference requireReference(String referenceId) {
        Reference reference = references.get(referenceId);
        if (reference == null) {
            throw new UnknownResource("reference", referenceId);
        }
        return reference;
    }

    private void requireNewRater(String email) {
        if (references.values().stream().anyMatch(r -> r.email().equalsIgnoreCase(email))) {
            throw new DomainRuleViolation("rater-named-already", email + " is named as a rater already");
        }
    }

    /** Idempotent by nature: the same entry recorded again under its id changes nothing. */
    @CommandHandler
    void handle(RecordPortfolioEntry command) {
        requireDraft();
        PortfolioEntry existing = portfolio.get(command.entryId());
        if (command.entry().equals(existing)) {
            return;
        }
        if (existing != null) {
            throw new DomainRuleViolation("portfolio-entry-exists", "Entry " + command.entryId() + " exists already");
        }
        apply(new PortfolioEntryRecorded(applicationId, command.entryId(), command.entry()));
    }

    @CommandHandler
    void handle(CorrectPortfolioEntry command) {
        requireDraft();
        PortfolioEntry existing = requireEntry(command.entryId());
        if (!existing.getClass().equals(command.entry().getClass())) {
            throw new DomainRuleViolation("portfolio-entry-kind",
                    "Entry " + command.entryId() + " is a different kind of entry");
        }
        if (!existing.equals(command.entry())) {
            apply(new PortfolioEntryCorrected(applicationId, command.entryId(), command.entry()));
        }
    }

    @CommandHandler
    void handle(RemovePortfolioEntry command) {
        requireDraft();
        requireEntry(command.entryId());
        apply(new PortfolioEntryRemoved(applicationId, tenantId, command.entryId()));
    }

    @CommandHandler
    void handle(SubmitApplication command) {
        if (status != ApplicationStatus.DRAFT && status != ApplicationStatus.RETURNED) {
            throw new DomainRuleViolation("application-already-submitted",
                    "Application " + applicationId + " was submitted already; it is " + status);
        }
        List<RequirementResult> unmet = RequirementCheck.unmet(new RequirementCheck(command.requirements(), category,
                command.providerPeriods(), command.on()).evaluate(portfolio.values(), references.values(),
                command.referenceRules()));
        if (!unmet.isEmpty()) {
            throw new DomainRuleViolation("requirements-unmet", "The portfolio does not meet " + unmet.size()
                    + " of the requirements of " + category.abbreviation(), Map.of("unmet", unmet));
        }
        if (status == ApplicationStatus.RETURNED) {
            apply(new ApplicationResubmitted(applicationId, tenantId, command.requirements(), command.judgedBy()));
        } else {
            apply(new ApplicationSubmitted(applicationId, tenantId, personId, applicantName, category,
                    command.requirements(), command.judgedBy(), contactEmail));
        }
    }

    private void requireDraft() {
        if (status != ApplicationStatus.DRAFT && status != ApplicationStatus.RETURNED) {
            throw new DomainRuleViolation("portfolio-closed",
                    "Application " + applicationId + " is " + status + "; its portfolio can no longer change");
        }
    }

    private PortfolioEntry requireEntry(String entryId) {
        PortfolioEntry existing = portfolio.get(entryId);
        if (existing == null) {
            throw new UnknownResource("portfolio entry", entryId);
        }
        return existing;
    }

    /** Idempotent by nature: the same paid invoice opens the review once. */
    @CommandHandler
    void handle(OpenReview command) {
        if (command.invoiceId().equals(paidInvoiceId)) {
            return;
        }
        if (status != ApplicationStatus.SUBMITTED) {
            throw new DomainRuleViolation("review-needs-submitted-application",
                    "Application " + applicationId + " is " + status + "; only a submitted application goes to review");
        }
        apply(new ReviewOpened(applicationId, tenantId, command.invoiceId()));
    }

    /** The same two reviewers named again change nothing, and their reviews stand: a retried request. */
    @CommandHandler
    void handle(AssignReviewers command) {
        requireInReview();
        List<Reviewer> named = command.reviewers();
        if (named.stream().map(Reviewer::subject).collect(Collectors.toSet())
                .equals(reviewers.stream().map(Reviewer::subject).collect(Collectors.toSet()))) {
            return;
        }
        if (named.size() != 2 || named.get(0).subject().equals(named.get(1).subject())) {
            throw new DomainRuleViolation("two-reviewers", "An application is reviewed by two different reviewers");
        }
        for (Reviewer reviewer : named) {
            ReviewerEligibility.requireNotApplicant(reviewer.subject(), personId);
            ReviewerEligibility.require(reviewer, category);
        }
        apply(new ReviewersAssigned(applicationId, tenantId, List.copyOf(named)));
    }

    /**
     * The outcome follows when both reviewers agree; until then either may revise. A review sent again as it stands
     * (a retried request) is not recorded again.
     */
    @CommandHandler
    void handle(RecordReview command) {
        requireInReview();
        if (reviewers.stream().noneMatch(r -> r.subject().equals(command.reviewer()))) {
            throw new DomainRuleViolation("not-a-reviewer",
                    command.reviewer() + " is not a reviewer of application " + applicationId);
        }
        ReviewRecorded standing = reviews.get(command.reviewer());
        if (standing != null && standing.decision() == command.decision()
                && standing.comments().equals(command.comments())) {
            return;
        }
        if (command.decision() == ReviewDecision.DEFER && command.comments().isEmpty()) {
            throw new DomainRuleViolation("deferral-needs-comments", "A deferral says what to change, per section");
        }
        apply(new ReviewRecorded(applicationId, tenantId, command.reviewer(), command.decision(),
                List.copyOf(command.comments())));
        if (reviews.size() < 2 || reviews.values().stream().map(ReviewRecorded::decision).distinct().count() > 1) {
            return;
        }
        switch (command.decision()) {
            case APPROVE -> apply(new PortfolioApproved(applicationId, tenantId));
            case DEFER -> apply(new ApplicationReturned(applicationId, tenantId, reviews.values().stream()
                    .flatMap(review -> review.comments().stream()).toList()));
            case HOLD -> {
                if (status != ApplicationStatus.ON_HOLD) {
                    apply(new ApplicationHeld(applicationId, tenantId));
                }
            }
        }
    }

    private void requireInReview() {
        if (status != ApplicationStatus.IN_REVIEW && status != ApplicationStatus.ON_HOLD) {
            throw new DomainRuleViolation("review-closed",
                    "Application " + applicationId + " is " + status + "; it is not in review");
        }
    }

    @CommandHandler
    void handle(ScheduleExam command) {
        // The state first: a draft or withdrawn application has no requirements to ask about its exam.
        if (status != ApplicationStatus.PORTFOLIO_APPROVED && status != ApplicationStatus.EXAM_FAILED) {
            throw new DomainRuleViolation("exam-needs-approved-portfolio", "Application " + applicationId + " is "
                    + status + "; the exam follows the reviewers' approval of the portfolio");
        }
        if (!requirements.exam()) {
            throw new DomainRuleViolation("no-exam", category.abbreviation() + " has no exam");
        }
        if (retakeFrom != null && command.sittingOn().isBefore(retakeFrom)) {
            throw new DomainRuleViolation("exam-retake-too-soon",
                    "After a failed exam the next sitting can be on " + retakeFrom + " at the earliest");
        }
        List<ExamPart> parts = requirements.examVignettes()
                ? List.of(ExamPart.MULTIPLE_CHOICE, ExamPart.VIGNETTES) : List.of(ExamPart.MULTIPLE_CHOICE);
        apply(new ExamScheduled(applicationId, tenantId, exam == null ? 1 : exam.attempt() + 1, command.sittingOn(),
                parts, command.passPercent(), command.retakeAfterMonths()));
    }

    /**
     * Two scorers, blind and independent: each qualifies as a reviewer of the application would (an endorsement that
     * stands, at its level or higher, in its track), neither is the candidate nor whoever booked the sitting, and
     * neither reviewed the portfolio unless the association allows it. Named again only before any score.
     */
    @CommandHandler
    void handle(AssignScorers command) {
        if (status != ApplicationStatus.EXAM_SCHEDULED) {
            throw new DomainRuleViolation("no-exam-to-score", "Application " + applicationId + " has no exam to score");
        }
        if (!examScores.isEmpty()) {
            throw new DomainRuleViolation("exam-scored", "Scoring of attempt " + exam.attempt()
                    + " has begun; its scorers stay");
        }
        List<Reviewer> named = command.scorers();
        if (named.size() != 2 || named.get(0).subject().equals(named.get(1).subject())) {
            throw new DomainRuleViolation("two-scorers", "An exam is scored by two different scorers");
        }
        for (Reviewer scorer : named) {
            if (scorer.subject().equals(personId)) {
                throw new DomainRuleViolation("scorer-is-candidate", "No one scores their own exam");
            }
            if (scorer.subject().equals(examBookedBy)) {
                throw new DomainRuleViolation("scorer-booked-sitting",
                        scorer.subject() + " booked the sitting and cannot score it");
            }
            if (!command.reviewersMayScore()
                    && reviewers.stream().anyMatch(reviewer -> reviewer.subject().equals(scorer.subject()))) {
                throw new DomainRuleViolation("scorer-is-reviewer", scorer.subject() + " reviewed the portfolio; "
                        + "the association has its exams scored by others");
            }
            ReviewerEligibility.require(scorer, category);
        }
        apply(new ScorersAssigned(applicationId, tenantId, exam.attempt(), command.candidateCode(),
                List.copyOf(named)));
    }

    /** Only the assigned scorers score, each part once, from the sitting's date; the result follows the last score. */
    @CommandHandler
    void handle(RecordExamScore command) {
        if (status != ApplicationStatus.EXAM_SCHEDULED) {
            throw new DomainRuleViolation("no-exam-to-score", "Application " + applicationId + " has no exam to score");
        }
        if (!exam.parts().contains(command.part())) {
            throw new DomainRuleViolation("exam-part", category.abbreviation() + "'s exam has no " + command.part());
        }
        if (command.scorer().equals(personId)) {
            throw new DomainRuleViolation("scorer-is-candidate", "No one scores their own exam");
        }
        if (!scorers.contains(command.scorer())) {
            throw new DomainRuleViolation("not-a-scorer", command.scorer() + " is not a scorer of this sitting");
        }
        if (command.on().isBefore(exam.sittingOn())) {
            throw new DomainRuleViolation("exam-not-sat-yet", "The sitting is on " + exam.sittingOn()
                    + "; its scores are recorded from that day");
        }
        Map<String, Integer> scores = examScores.getOrDefault(command.part(), Map.of());
        if (scores.containsKey(command.scorer())) {
            throw new DomainRuleViolation("exam-scored", command.scorer() + " has scored " + command.part() + " already");
        }
        if (scores.size() == 2) {
            throw new DomainRuleViolation("exam-scored", command.part() + " has its two scores already");
        }
        apply(new ExamScoreRecorded(applicationId, tenantId, exam.attempt(), command.part(), command.scorer(),
                command.percent()));
        boolean complete = exam.parts().stream()
                .allMatch(part -> examScores.getOrDefault(part, Map.of()).size() == 2);
        if (!complete) {
            return;
        }
        Map<ExamPart, Double> partScores = new EnumMap<>(ExamPart.class);
        exam.parts().forEach(part -> partScores.put(part,
                examScores.get(part).values().stream().mapToInt(Integer::intValue).average().orElse(0)));
        if (partScores.values().stream().allMatch(score -> score >= exam.passPercent())) {
            apply(new ExamPassed(applicationId, tenantId, exam.attempt(), partScores));
        } else {
            apply(new ExamFailed(applicationId, tenantId, exam.attempt(), partScores,
                    exam.sittingOn().plusMonths(exam.retakeAfterMonths())));
        }
    }

    @CommandHandler
    void handle(ApproveApplication command) {
        if (!status.isDecidable(requirements != null && requirements.exam())) {
            throw new DomainRuleViolation("approval-needs-reviewers", "Application " + applicationId + " is "
                    + status + "; it is granted once both reviewers have approved its portfolio"
                    + (requirements != null && requirements.exam() ? " and the exam is passed" : ""));
        }
        apply(new EndorsementGranted(applicationId, tenantId, personId, applicantName, category,
                command.endorsementNumber(), command.validThrough(), contactEmail));
    }

    @Override
    protected String owningTenant() {
        return tenantId;
    }

    @Override
    protected String kind() {
        return "application";
    }

    @Override
    protected String id() {
        return applicationId;
    }

    @CommandHandler
    void handle(DenyApplication command) {
        requireOpen();
        if (status == ApplicationStatus.DRAFT) {
            throw new DomainRuleViolation("denial-needs-submission",
                    "Application " + applicationId + " is a draft; only a submitted application is decided");
        }
        apply(new ApplicationDenied(applicationId, tenantId, command.reasons()));
    }

    @CommandHandler
    void handle(WithdrawApplication command) {
        requireOpen();
        apply(new ApplicationWithdrawn(applicationId, tenantId, command.reason()));
    }

    /** Comments go back and forth until the application is decided. */
    @CommandHandler
    void handle(CommentOnSection command) {
        requireOpen();
        apply(new SectionCommented(applicationId, tenantId, command.commentId(), command.section(), command.text()));
    }

    private void requireOpen() {
        if (status.isFinal()) {
            throw new DomainRuleViolation("application-decided",
                    "Application " + applicationId + " is " + status + " already");
        }
    }

    @EventSourcingHandler
    void on(ApplicationStarted event) {
        applicationId = event.applicationId();
        tenantId = event.tenantId();
        personId = event.personId();
        applicantName = event.applicantName();
        category = event.category();
        contactEmail = event.contactEmail();
        status = ApplicationStatus.DRAFT;
    }

    @EventSourcingHandler
    void on(RaterNamed event) {
        references.put(event.referenceId(), new Reference(event.referenceId(), event.raterName(), event.email(),
                event.relationship(), event.waivesAccess(), event.formVersion(), event.linkExpiresAt(), null));
    }

    @EventSourcingHandler
    void on(RaterReplaced event) {
        references.remove(event.replacedReferenceId());
        replacedReferences.add(event.replacedReferenceId());
        references.put(event.referenceId(), new Reference(event.referenceId(), event.raterName(), event.email(),
                event.relationship(), event.waivesAccess(), event.formVersion(), event.linkExpiresAt(), null));
    }

    @EventSourcingHandler
    void on(ReferenceLinkResent event) {
        references.computeIfPresent(event.referenceId(), (id, reference) -> reference.withLink(event.linkExpiresAt()));
    }

    @EventSourcingHandler
    void on(ReferenceSubmitted event) {
        references.computeIfPresent(event.referenceId(), (id, reference) -> reference.rated(event.rating()));
    }

    @EventSourcingHandler
    void on(PortfolioEntryRecorded event) {
        portfolio.put(event.entryId(), event.entry());
    }

    @EventSourcingHandler
    void on(PortfolioEntryCorrected event) {
        portfolio.put(event.entryId(), event.entry());
    }

    @EventSourcingHandler
    void on(PortfolioEntryRemoved event) {
        portfolio.remove(event.entryId());
    }

    @EventSourcingHandler
    void on(ApplicationSubmitted event) {
        status = ApplicationStatus.SUBMITTED;
        requirements = event.requirements();
    }

    @EventSourcingHandler
    void on(ReviewOpened event) {
        status = ApplicationStatus.IN_REVIEW;
        paidInvoiceId = event.invoiceId();
    }

    @EventSourcingHandler
    void on(ApplicationResubmitted event) {
        status = ApplicationStatus.IN_REVIEW;
        requirements = event.requirements();
    }

    @EventSourcingHandler
    void on(ExamScheduled event, @MetaDataValue(AuditMetadata.SUBJECT) String bookedBy) {
        status = ApplicationStatus.EXAM_SCHEDULED;
        exam = event;
        examBookedBy = bookedBy;
        examScores.clear();
        scorers = List.of();
    }

    @EventSourcingHandler
    void on(ScorersAssigned event) {
        scorers = event.scorers().stream().map(Reviewer::subject).toList();
    }

    @EventSourcingHandler
    void on(ExamScoreRecorded event) {
        examScores.computeIfAbsent(event.part(), part -> new LinkedHashMap<>()).put(event.scorer(), event.percent());
    }

    @EventSourcingHandler
    void on(ExamPassed event) {
        status = ApplicationStatus.EXAM_PASSED;
    }

    @EventSourcingHandler
    void on(ExamFailed event) {
        status = ApplicationStatus.EXAM_FAILED;
        retakeFrom = event.retakeFrom();
    }

    @EventSourcingHandler
    void on(ReviewersAssigned event) {
        reviewers = event.reviewers();
        reviews.clear();
    }

    @EventSourcingHandler
    void on(ReviewRecorded event) {
        reviews.put(event.reviewer(), event);
    }

    @EventSourcingHandler
    void on(PortfolioApproved event) {
        status = ApplicationStatus.PORTFOLIO_APPROVED;
    }

    @EventSourcingHandler
    void on(ApplicationReturned event) {
        status = ApplicationStatus.RETURNED;
        reviews.clear();
    }

    @EventSourcingHandler
    void on(ApplicationHeld event) {
        status = ApplicationStatus.ON_HOLD;
    }

    @EventSourcingHandler
    void on(EndorsementGranted event) {
        status = ApplicationStatus.GRANTED;
    }

    @EventSourcingHandler
    void on(ApplicationDenied event) {
        status = ApplicationStatus.DENIED;
    }

    @EventSourcingHandler
    void on(ApplicationWithdrawn event) {
        status = ApplicationStatus.WITHDRAWN;
    }
}
