package org.iecmh.endorsement.application.submission;

import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.messaging.annotation.MetaDataValue;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;
import org.iecmh.endorsement.application.review.ApproveApplication;
import org.iecmh.endorsement.application.review.EndorsementGranted;
import org.iecmh.endorsement.application.review.OpenReview;
import org.iecmh.endorsement.application.review.ReviewOpened;
import org.iecmh.endorsement.contracts.Category;
import org.iecmh.endorsement.kit.audit.AuditMetadata;
import org.iecmh.endorsement.kit.tenancy.TenantOwnedAggregate;
import org.iecmh.endorsement.kit.web.DomainRuleViolation;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/** One person's application for one endorsement category, from the first entry to the decision. */
@Aggregate
public class Application extends TenantOwnedAggregate {

    @AggregateIdentifier
    private String applicationId;
    private String tenantId;
    private String personId;
    private String applicantName;
    private Category category;
    private ApplicationStatus status;
    private String paidInvoiceId;

    protected Application() {
    }

    @CommandHandler
    public Application(StartApplication command, @MetaDataValue(AuditMetadata.TENANT) String tenantId) {
        apply(new ApplicationStarted(command.applicationId(), tenantId, command.personId(), command.applicantName(),
                command.category()));
    }

    @CommandHandler
    void handle(SubmitApplication command) {
        if (status != ApplicationStatus.DRAFT) {
            throw new DomainRuleViolation("application-already-submitted",
                    "Application " + applicationId + " was submitted already; it is " + status);
        }
        apply(new ApplicationSubmitted(applicationId, tenantId, personId, applicantName, category));
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

    @CommandHandler
    void handle(ApproveApplication command) {
        if (status != ApplicationStatus.IN_REVIEW) {
            throw new DomainRuleViolation("approval-needs-review",
                    "Application " + applicationId + " is " + status + "; only an application in review is approved");
        }
        apply(new EndorsementGranted(applicationId, tenantId, personId, applicantName, category,
                command.endorsementNumber(), command.validThrough()));
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
        status = ApplicationStatus.DRAFT;
    }

    @EventSourcingHandler
    void on(ApplicationSubmitted event) {
        status = ApplicationStatus.SUBMITTED;
    }

    @EventSourcingHandler
    void on(ReviewOpened event) {
        status = ApplicationStatus.IN_REVIEW;
        paidInvoiceId = event.invoiceId();
    }

    @EventSourcingHandler
    void on(EndorsementGranted event) {
        status = ApplicationStatus.GRANTED;
    }
}
