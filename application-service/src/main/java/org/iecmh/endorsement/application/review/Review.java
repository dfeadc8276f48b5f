package org.iecmh.endorsement.application.review;

import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.iecmh.endorsement.application.casefile.ApplicationStatus;
import org.iecmh.endorsement.application.casefile.CaseFacts;
import org.iecmh.endorsement.application.policy.ReviewerEligibility;
import org.iecmh.endorsement.kit.web.DomainRuleViolation;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * The portfolio's review (a member of the Application aggregate): the invoice whose payment opened it, the two
 * reviewers and what each recorded. Both agreeing decides: approved, returned with their comments, or held.
 */
public class Review {

    /** The root's facts; not part of a snapshot, handed over again whenever the root is made. */
    private transient CaseFacts application;
    private String paidInvoiceId;
    private List<Reviewer> reviewers = List.of();
    private final Map<String, ReviewRecorded> reviews = new LinkedHashMap<>();

    public Review(CaseFacts application) {
        this.application = application;
    }

    /** For Jackson only, which fills in a snapshot's review in place. */
    Review() {
    }

    /** Whether {@code subject} is one of the portfolio's reviewers. */
    public boolean reviewedBy(String subject) {
        return reviewers.stream().anyMatch(reviewer -> reviewer.subject().equals(subject));
    }

    /** Idempotent by nature: the same paid invoice opens the review once. */
    @CommandHandler
    void handle(OpenReview command) {
        if (command.invoiceId().equals(paidInvoiceId)) {
            return;
        }
        if (application.status() != ApplicationStatus.SUBMITTED) {
            throw new DomainRuleViolation("review-needs-submitted-application", "Application "
                    + application.applicationId() + " is " + application.status()
                    + "; only a submitted application goes to review");
        }
        apply(new ReviewOpened(application.applicationId(), application.tenantId(), command.invoiceId()));
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
            ReviewerEligibility.requireNotApplicant(reviewer.subject(), application.personId());
            ReviewerEligibility.require(reviewer, application.category());
        }
        apply(new ReviewersAssigned(application.applicationId(), application.tenantId(), List.copyOf(named)));
    }

    /**
     * The outcome follows when both reviewers agree; until then either may revise. A review sent again as it stands
     * (a retried request) is not recorded again.
     */
    @CommandHandler
    void handle(RecordReview command) {
        requireInReview();
        String applicationId = application.applicationId();
        String tenantId = application.tenantId();
        if (!reviewedBy(command.reviewer())) {
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
                if (application.status() != ApplicationStatus.ON_HOLD) {
                    apply(new ApplicationHeld(applicationId, tenantId));
                }
            }
        }
    }

    private void requireInReview() {
        if (application.status() != ApplicationStatus.IN_REVIEW && application.status() != ApplicationStatus.ON_HOLD) {
            throw new DomainRuleViolation("review-closed", "Application " + application.applicationId() + " is "
                    + application.status() + "; it is not in review");
        }
    }

    @EventSourcingHandler
    void on(ReviewOpened event) {
        paidInvoiceId = event.invoiceId();
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
    void on(ApplicationReturned event) {
        reviews.clear();
    }
}
