package org.iecmh.endorsement.application.submission;

import org.axonframework.messaging.MetaData;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.iecmh.endorsement.application.review.ApproveApplication;
import org.iecmh.endorsement.application.review.EndorsementGranted;
import org.iecmh.endorsement.application.review.OpenReview;
import org.iecmh.endorsement.application.review.ReviewOpened;
import org.iecmh.endorsement.contracts.Category;
import org.iecmh.endorsement.kit.audit.AuditMetadata;
import org.iecmh.endorsement.kit.web.DomainRuleViolation;
import org.iecmh.endorsement.kit.web.UnknownResource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;

class ApplicationTest {

    private static final String ID = "app-1";
    private static final MetaData IN_MA = AuditMetadata.of("ma", "applicant-1", "APPLICANT");
    private static final MetaData IN_WA = AuditMetadata.of("wa", "coordinator-9", "COORDINATOR");
    private static final LocalDate VALID_THROUGH = LocalDate.of(2027, 12, 31);

    private final ApplicationStarted started =
            new ApplicationStarted(ID, "ma", "applicant-1", "Zoë Example", Category.IMHS);
    private final ApplicationSubmitted submitted =
            new ApplicationSubmitted(ID, "ma", "applicant-1", "Zoë Example", Category.IMHS);
    private final ReviewOpened reviewOpened = new ReviewOpened(ID, "ma", "INV-app-1");

    private AggregateTestFixture<Application> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Application.class);
    }

    @Test
    void anApplicationStartsInTheTenantItIsStartedIn() {
        fixture.givenNoPriorActivity()
                .when(new StartApplication(ID, "applicant-1", "Zoë Example", Category.IMHS), IN_MA)
                .expectSuccessfulHandlerExecution()
                .expectEvents(started);
    }

    @Test
    void aDraftIsSubmittedOnce() {
        fixture.given(started)
                .when(new SubmitApplication(ID), IN_MA)
                .expectEvents(submitted);
        fixture.given(started, submitted)
                .when(new SubmitApplication(ID), IN_MA)
                .expectException(DomainRuleViolation.class)
                .expectNoEvents();
    }

    @Test
    void paidFeesOpenTheReviewOnceHoweverOftenThePaymentIsReported() {
        fixture.given(started, submitted)
                .when(new OpenReview(ID, "INV-app-1"), IN_MA)
                .expectEvents(reviewOpened);
        fixture.given(started, submitted, reviewOpened)
                .when(new OpenReview(ID, "INV-app-1"), IN_MA)
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void aDraftDoesNotGoToReview() {
        fixture.given(started)
                .when(new OpenReview(ID, "INV-app-1"), IN_MA)
                .expectException(DomainRuleViolation.class);
    }

    @Test
    void approvalGrantsTheEndorsementOnlyFromReview() {
        fixture.given(started, submitted, reviewOpened)
                .when(new ApproveApplication(ID, "MA-000001", VALID_THROUGH), IN_MA)
                .expectEvents(new EndorsementGranted(ID, "ma", "applicant-1", "Zoë Example", Category.IMHS,
                        "MA-000001", VALID_THROUGH));
        fixture.given(started, submitted)
                .when(new ApproveApplication(ID, "MA-000001", VALID_THROUGH), IN_MA)
                .expectException(DomainRuleViolation.class)
                .expectNoEvents();
    }

    @Test
    void anotherAssociationCannotTouchTheApplication() {
        fixture.given(started, submitted, reviewOpened)
                .when(new ApproveApplication(ID, "WA-000001", VALID_THROUGH), IN_WA)
                .expectException(UnknownResource.class)
                .expectNoEvents();
    }
}
