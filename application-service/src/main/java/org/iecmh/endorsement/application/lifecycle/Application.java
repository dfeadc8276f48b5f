package org.iecmh.endorsement.application.lifecycle;

import com.fasterxml.jackson.annotation.JsonMerge;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.messaging.annotation.MetaDataValue;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.AggregateMember;
import org.axonframework.serialization.Revision;
import org.axonframework.spring.stereotype.Aggregate;
import org.iecmh.endorsement.application.casefile.ApplicationStatus;
import org.iecmh.endorsement.application.casefile.CaseFacts;
import org.iecmh.endorsement.application.comments.CommentOnSection;
import org.iecmh.endorsement.application.comments.SectionCommented;
import org.iecmh.endorsement.application.decision.ApplicationDenied;
import org.iecmh.endorsement.application.decision.ApplicationWithdrawn;
import org.iecmh.endorsement.application.decision.DenyApplication;
import org.iecmh.endorsement.application.decision.WithdrawApplication;
import org.iecmh.endorsement.application.exam.Exam;
import org.iecmh.endorsement.application.exam.ExamFailed;
import org.iecmh.endorsement.application.exam.ExamPassed;
import org.iecmh.endorsement.application.exam.ExamScheduled;
import org.iecmh.endorsement.application.portfolio.Portfolio;
import org.iecmh.endorsement.application.references.References;
import org.iecmh.endorsement.application.requirements.CategoryRequirements;
import org.iecmh.endorsement.application.requirements.RequirementCheck;
import org.iecmh.endorsement.application.requirements.RequirementResult;
import org.iecmh.endorsement.application.review.ApplicationHeld;
import org.iecmh.endorsement.application.review.ApplicationReturned;
import org.iecmh.endorsement.application.review.ApproveApplication;
import org.iecmh.endorsement.application.review.EndorsementGranted;
import org.iecmh.endorsement.application.review.PortfolioApproved;
import org.iecmh.endorsement.application.review.Review;
import org.iecmh.endorsement.application.review.ReviewOpened;
import org.iecmh.endorsement.application.submission.ApplicationResubmitted;
import org.iecmh.endorsement.application.submission.ApplicationStarted;
import org.iecmh.endorsement.application.submission.ApplicationSubmitted;
import org.iecmh.endorsement.application.submission.StartApplication;
import org.iecmh.endorsement.application.submission.SubmitApplication;
import org.iecmh.endorsement.contracts.Category;
import org.iecmh.endorsement.kit.audit.AlsoStores;
import org.iecmh.endorsement.kit.audit.AuditMetadata;
import org.iecmh.endorsement.kit.eventstore.AggregateStorage;
import org.iecmh.endorsement.kit.tenancy.TenantOwnedAggregate;
import org.iecmh.endorsement.kit.web.DomainRuleViolation;

import java.util.List;
import java.util.Map;
import java.util.TreeSet;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * One person's application for one endorsement category, from the first entry to the decision. The root keeps the
 * lifecycle (start, submission, where it stands, the decision) and the facts every part decides with
 * ({@link CaseFacts}); the portfolio, references, review and exam are members that decide their own commands.
 * Revision 3: those parts are members, each a field of its own in the snapshot. Revision 4: the portfolio keeps its
 * attachments and supervision confirmations.
 */
@Revision("4")
@AlsoStores(SectionCommented.class)
@Aggregate(snapshotTriggerDefinition = AggregateStorage.SNAPSHOTS, cache = AggregateStorage.CACHE)
public class Application extends TenantOwnedAggregate implements CaseFacts {

    @AggregateIdentifier
    private String applicationId;
    private String tenantId;
    private String personId;
    private String applicantName;
    private Category category;
    private String contactEmail;
    private ApplicationStatus status;
    private CategoryRequirements requirements;

    // Each member is made with the root it asks; a snapshot fills the same instances in (JsonMerge), so they keep it.
    @AggregateMember
    @JsonMerge
    private final Portfolio portfolio = new Portfolio(this);
    @AggregateMember
    @JsonMerge
    private final References references = new References(this);
    @AggregateMember
    @JsonMerge
    private final Review review = new Review(this);
    @AggregateMember
    @JsonMerge
    private final Exam exam = new Exam(this);

    protected Application() {
    }

    @CommandHandler
    public Application(StartApplication command, @MetaDataValue(AuditMetadata.TENANT) String tenantId) {
        Category category = command.category();
        if (!command.offeredCategories().contains(category)) {
            throw new DomainRuleViolation("category-not-offered", command.associationName() + " does not offer "
                    + category.title() + " (" + category.abbreviation() + ")");
        }
        if (command.anotherInProgress()) {
            throw new DomainRuleViolation("one-application-in-progress",
                    "An application is already in progress; one category at a time");
        }
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
    void handle(SubmitApplication command) {
        if (status != ApplicationStatus.DRAFT && status != ApplicationStatus.RETURNED) {
            throw new DomainRuleViolation("application-already-submitted",
                    "Application " + applicationId + " was submitted already; it is " + status);
        }
        List<RequirementResult> unmet = RequirementCheck.unmet(new RequirementCheck(command.requirements(), category,
                command.providerPeriods(), command.on()).evaluate(portfolio.entries(), references.raters(),
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

    @Override
    public String applicationId() {
        return applicationId;
    }

    @Override
    public String tenantId() {
        return tenantId;
    }

    @Override
    public String personId() {
        return personId;
    }

    @Override
    public Category category() {
        return category;
    }

    @Override
    public ApplicationStatus status() {
        return status;
    }

    @Override
    public CategoryRequirements requirements() {
        return requirements;
    }

    @Override
    public boolean reviewedBy(String subject) {
        return review.reviewedBy(subject);
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
    void on(ApplicationSubmitted event) {
        status = ApplicationStatus.SUBMITTED;
        requirements = event.requirements();
    }

    @EventSourcingHandler
    void on(ReviewOpened event) {
        status = ApplicationStatus.IN_REVIEW;
    }

    @EventSourcingHandler
    void on(ApplicationResubmitted event) {
        status = ApplicationStatus.IN_REVIEW;
        requirements = event.requirements();
    }

    @EventSourcingHandler
    void on(PortfolioApproved event) {
        status = ApplicationStatus.PORTFOLIO_APPROVED;
    }

    @EventSourcingHandler
    void on(ApplicationReturned event) {
        status = ApplicationStatus.RETURNED;
    }

    @EventSourcingHandler
    void on(ApplicationHeld event) {
        status = ApplicationStatus.ON_HOLD;
    }

    @EventSourcingHandler
    void on(ExamScheduled event) {
        status = ApplicationStatus.EXAM_SCHEDULED;
    }

    @EventSourcingHandler
    void on(ExamPassed event) {
        status = ApplicationStatus.EXAM_PASSED;
    }

    @EventSourcingHandler
    void on(ExamFailed event) {
        status = ApplicationStatus.EXAM_FAILED;
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
