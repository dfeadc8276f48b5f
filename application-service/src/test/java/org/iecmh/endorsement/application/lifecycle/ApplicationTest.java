package org.iecmh.endorsement.application.lifecycle;

import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.messaging.MetaData;
import org.axonframework.test.aggregate.AggregateTestFixture;
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
import org.iecmh.endorsement.application.portfolio.PortfolioEntry.CompetencyDomain;
import org.iecmh.endorsement.application.portfolio.PortfolioEntry.Degree;
import org.iecmh.endorsement.application.portfolio.PortfolioEntryCorrected;
import org.iecmh.endorsement.application.portfolio.PortfolioEntryRecorded;
import org.iecmh.endorsement.application.portfolio.PortfolioEntryRemoved;
import org.iecmh.endorsement.application.portfolio.RecordPortfolioEntry;
import org.iecmh.endorsement.application.portfolio.RemovePortfolioEntry;
import org.iecmh.endorsement.application.references.RaterNamed;
import org.iecmh.endorsement.application.references.RaterRelationship;
import org.iecmh.endorsement.application.references.Rating;
import org.iecmh.endorsement.application.references.ReferenceRules;
import org.iecmh.endorsement.application.references.ReferenceSubmitted;
import org.iecmh.endorsement.application.requirements.CategoryRequirements;
import org.iecmh.endorsement.application.requirements.JudgedBy;
import org.iecmh.endorsement.application.review.ApplicationReturned;
import org.iecmh.endorsement.application.review.ApproveApplication;
import org.iecmh.endorsement.application.review.AssignReviewers;
import org.iecmh.endorsement.application.review.PortfolioApproved;
import org.iecmh.endorsement.application.review.RecordReview;
import org.iecmh.endorsement.application.review.ReviewDecision;
import org.iecmh.endorsement.application.review.ReviewRecorded;
import org.iecmh.endorsement.application.review.Reviewer;
import org.iecmh.endorsement.application.review.ReviewersAssigned;
import org.iecmh.endorsement.application.review.Section;
import org.iecmh.endorsement.application.review.SectionComment;
import org.iecmh.endorsement.application.review.EndorsementGranted;
import org.iecmh.endorsement.application.review.OpenReview;
import org.iecmh.endorsement.application.review.ReviewOpened;
import org.iecmh.endorsement.application.submission.ApplicationStarted;
import org.iecmh.endorsement.application.submission.ApplicationSubmitted;
import org.iecmh.endorsement.application.submission.ApplicationResubmitted;
import org.iecmh.endorsement.application.submission.MembershipToApply;
import org.iecmh.endorsement.application.submission.StartApplication;
import org.iecmh.endorsement.application.submission.SubmitApplication;
import org.iecmh.endorsement.contracts.Category;
import org.iecmh.endorsement.kit.audit.AuditMetadata;
import org.iecmh.endorsement.kit.web.DomainRuleViolation;
import org.iecmh.endorsement.kit.web.UnknownResource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

class ApplicationTest {

    private static final String ID = "app-1";
    private static final MetaData IN_MA = AuditMetadata.of("ma", "applicant-1", "APPLICANT");
    private static final MetaData IN_WA = AuditMetadata.of("wa", "coordinator-9", "COORDINATOR");
    private static final LocalDate VALID_THROUGH = LocalDate.of(2027, 12, 31);
    private static final Set<Category> OFFERED = Set.of(Category.IFA, Category.IMHS);

    private final ApplicationStarted started =
            new ApplicationStarted(ID, "ma", "applicant-1", "Zoë Example", Category.IMHS, "zoe@example.org", "MA");
    /** Associate-level requirements, small enough to meet in a test: a degree and 30 hours of training. */
    private static final CategoryRequirements REQUIREMENTS = new CategoryRequirements(Degree.ASSOCIATE, 2, 0,
            false, false, BigDecimal.valueOf(30), Set.of(CompetencyDomain.REFLECTION), BigDecimal.ZERO, 24, 3, List.of(),
            false, false);
    private static final LocalDate TODAY = LocalDate.of(2026, 11, 22);
    private static final PortfolioEntry DEGREE = new PortfolioEntry.Education(Degree.ASSOCIATE, "Early childhood",
            "Bunker Hill CC", 2018);
    private static final PortfolioEntry TRAINING = new PortfolioEntry.Training("Reflective practice", "MassAIMH",
            LocalDate.of(2022, 3, 1), BigDecimal.valueOf(30), Set.of(CompetencyDomain.REFLECTION));

    /** The requirement version, and the association record, that judge the application. */
    private static final JudgedBy JUDGED_BY = new JudgedBy(LocalDate.of(2000, 1, 1), 4);
    private final PortfolioEntryRecorded degreeRecorded = new PortfolioEntryRecorded(ID, "e1", DEGREE);
    private final PortfolioEntryRecorded trainingRecorded = new PortfolioEntryRecorded(ID, "e2", TRAINING);
    private final ApplicationSubmitted submitted =
            new ApplicationSubmitted(ID, "ma", "applicant-1", "Zoë Example", Category.IMHS, REQUIREMENTS, JUDGED_BY,
                    "zoe@example.org");
    private final SubmitApplication submit = new SubmitApplication(ID, REQUIREMENTS, Map.of(), TODAY,
            new ReferenceRules(12, 6), JUDGED_BY);
    private final ReviewOpened reviewOpened = new ReviewOpened(ID, "ma", "INV-app-1");

    /** The started application with a complete portfolio and three ratings that count, then {@code more}. */
    private Object[] withReferences(Object... more) {
        List<Object> events = new ArrayList<>(List.of(started, degreeRecorded, trainingRecorded));
        for (String rater : List.of("r1", "r2", "r3")) {
            events.add(new RaterNamed(ID, "ma", rater, "Rater " + rater, rater + "@example.org",
                    RaterRelationship.OTHER, false, 1, TODAY.plusDays(30).atStartOfDay(ZoneOffset.UTC).toInstant()));
            events.add(new ReferenceSubmitted(ID, "ma", rater, new Rating(1, 24, Map.of("observation", "4"), null)));
        }
        events.addAll(List.of(more));
        return events.toArray();
    }

    private AggregateTestFixture<Application> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Application.class);
    }

    @Test
    void anApplicationStartsInTheTenantItIsStartedIn() {
        fixture.givenNoPriorActivity()
                .when(new StartApplication(ID, "applicant-1", "Zoë Example", Category.IMHS, "zoe@example.org", "MA",
                        Set.of("MA"), "Massachusetts", OFFERED, MembershipToApply.NOT_REQUIRED, false), IN_MA)
                .expectSuccessfulHandlerExecution()
                .expectEvents(started);
    }

    @Test
    void anApplicantStartsOnlyACategoryTheAssociationOffersAndOneAtATime() {
        fixture.givenNoPriorActivity()
                .when(new StartApplication(ID, "applicant-1", "Zoë Example", Category.IMHM_P, "zoe@example.org", "MA",
                        Set.of("MA"), "Massachusetts", OFFERED, MembershipToApply.NOT_REQUIRED, false), IN_MA)
                .expectNoEvents()
                .expectException(DomainRuleViolation.class)
                .expectExceptionMessage("Massachusetts does not offer " + Category.IMHM_P.title() + " (IMHM-P)");
        fixture.givenNoPriorActivity()
                .when(new StartApplication(ID, "applicant-1", "Zoë Example", Category.IMHS, "zoe@example.org", "MA",
                        Set.of("MA"), "Massachusetts", OFFERED, MembershipToApply.NOT_REQUIRED, true), IN_MA)
                .expectNoEvents()
                .expectException(DomainRuleViolation.class)
                .expectExceptionMessage("An application is already in progress; one category at a time");
    }

    @Test
    void whereTheAssociationAsksApplicantsToBeMembersFirstOnlyAMemberStartsAnApplication() {
        fixture.givenNoPriorActivity()
                .when(new StartApplication(ID, "applicant-1", "Zoë Example", Category.IMHS, "zoe@example.org", "MA",
                        Set.of("MA"), "Massachusetts", OFFERED, new MembershipToApply(true, false), false), IN_MA)
                .expectNoEvents()
                .expectException(DomainRuleViolation.class)
                .expectExceptionMessage("Massachusetts asks applicants to become members before they apply: "
                        + "no membership is in force today");
        fixture.givenNoPriorActivity()
                .when(new StartApplication(ID, "applicant-1", "Zoë Example", Category.IMHS, "zoe@example.org", "MA",
                        Set.of("MA"), "Massachusetts", OFFERED, new MembershipToApply(true, true), false), IN_MA)
                .expectEvents(started);
    }

    @Test
    void eachPortfolioChangeIsAnEvent() {
        PortfolioEntry corrected = new PortfolioEntry.Education(Degree.BACHELOR, "Early childhood", "UMass", 2020);
        fixture.given(started)
                .when(new RecordPortfolioEntry(ID, "e1", DEGREE), IN_MA)
                .expectEvents(degreeRecorded);
        fixture.given(started, degreeRecorded)
                .when(new CorrectPortfolioEntry(ID, "e1", corrected), IN_MA)
                .expectEvents(new PortfolioEntryCorrected(ID, "e1", corrected));
        fixture.given(started, degreeRecorded)
                .when(new RemovePortfolioEntry(ID, "e1"), IN_MA)
                .expectEvents(new PortfolioEntryRemoved(ID, "ma", "e1"));
        fixture.given(started, degreeRecorded)
                .when(new RecordPortfolioEntry(ID, "e1", DEGREE), IN_MA)
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
        fixture.given(started)
                .when(new RemovePortfolioEntry(ID, "missing"), IN_MA)
                .expectException(UnknownResource.class);
    }

    @Test
    void aCompletePortfolioIsSubmittedOnceUnderTheRequirementsOfTheDay() {
        fixture.given(withReferences())
                .when(submit, IN_MA)
                .expectEvents(submitted);
        fixture.given(withReferences(submitted))
                .when(submit, IN_MA)
                .expectException(DomainRuleViolation.class)
                .expectNoEvents();
    }

    @Test
    void anIncompletePortfolioIsRefusedWithWhatIsMissing() {
        fixture.given(started, degreeRecorded)
                .when(submit, IN_MA)
                .expectNoEvents()
                .expectException(DomainRuleViolation.class)
                .expectExceptionMessage("The portfolio does not meet 2 of the requirements of IMHS");
    }

    @Test
    void aSubmittedPortfolioNoLongerChanges() {
        fixture.given(started, degreeRecorded, trainingRecorded, submitted)
                .when(new RemovePortfolioEntry(ID, "e2"), IN_MA)
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

    private static final Reviewer ANA = new Reviewer("reviewer-ana", "MA-000101", Category.IMHM_C);
    private static final Reviewer KIM = new Reviewer("reviewer-kim", "MA-000102", Category.IMHS);
    private static final MetaData BY_ANA = AuditMetadata.of("ma", "reviewer-ana", "REVIEWER");
    private final ReviewersAssigned assigned = new ReviewersAssigned(ID, "ma", List.of(ANA, KIM));
    private static final List<SectionComment> ADD_HOURS =
            List.of(new SectionComment(Section.TRAINING, "Add the hours of each training"));

    @Test
    void twoReviewersEndorsedAtTheApplicationsLevelOrHigherAreAssigned() {
        fixture.given(started, submitted, reviewOpened)
                .when(new AssignReviewers(ID, List.of(ANA, KIM)), IN_MA)
                .expectEvents(assigned);
        fixture.given(started, submitted, reviewOpened)
                .when(new AssignReviewers(ID, List.of(ANA)), IN_MA)
                .expectException(DomainRuleViolation.class);
        fixture.given(started, submitted, reviewOpened)
                .when(new AssignReviewers(ID, List.of(ANA, new Reviewer("reviewer-lee", "MA-000103", Category.IFS))),
                        IN_MA)
                .expectException(DomainRuleViolation.class)
                .expectExceptionMessage("reviewer-lee is endorsed as IFS; reviewers of IMHS are endorsed at the same "
                        + "level or higher");
        fixture.given(started, submitted, reviewOpened)
                .when(new AssignReviewers(ID, List.of(ANA, new Reviewer("applicant-1", "MA-000104", Category.IMHM_C))),
                        IN_MA)
                .expectException(DomainRuleViolation.class)
                .expectExceptionMessage("No one reviews their own application");
    }

    @Test
    void theSameReviewersNamedAgainChangeNothingAndTheirReviewsStand() {
        ReviewRecorded anaApproves = new ReviewRecorded(ID, "ma", "reviewer-ana", ReviewDecision.APPROVE, List.of());
        fixture.given(started, submitted, reviewOpened, assigned, anaApproves)
                .when(new AssignReviewers(ID, List.of(KIM, ANA)), IN_MA)
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
        Reviewer sam = new Reviewer("reviewer-sam", "MA-000105", Category.IMHM_C);
        fixture.given(started, submitted, reviewOpened, assigned, anaApproves)
                .when(new AssignReviewers(ID, List.of(ANA, sam)), IN_MA)
                .expectEvents(new ReviewersAssigned(ID, "ma", List.of(ANA, sam)));
    }

    @Test
    void aReviewSentAgainAsItStandsIsRecordedOnceAndARevisionIsRecorded() {
        ReviewRecorded anaApproves = new ReviewRecorded(ID, "ma", "reviewer-ana", ReviewDecision.APPROVE, List.of());
        fixture.given(started, submitted, reviewOpened, assigned, anaApproves)
                .when(new RecordReview(ID, "reviewer-ana", ReviewDecision.APPROVE, List.of()), BY_ANA)
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
        fixture.given(started, submitted, reviewOpened, assigned, anaApproves)
                .when(new RecordReview(ID, "reviewer-ana", ReviewDecision.DEFER, ADD_HOURS), BY_ANA)
                .expectEvents(new ReviewRecorded(ID, "ma", "reviewer-ana", ReviewDecision.DEFER, ADD_HOURS));
    }

    @Test
    void theOutcomeNeedsBothReviewersToAgree() {
        ReviewRecorded anaApproves = new ReviewRecorded(ID, "ma", "reviewer-ana", ReviewDecision.APPROVE, List.of());
        ReviewRecorded kimDefers = new ReviewRecorded(ID, "ma", "reviewer-kim", ReviewDecision.DEFER, ADD_HOURS);
        fixture.given(started, submitted, reviewOpened, assigned, kimDefers)
                .when(new RecordReview(ID, "reviewer-ana", ReviewDecision.APPROVE, List.of()), BY_ANA)
                .expectEvents(anaApproves);
        fixture.given(started, submitted, reviewOpened, assigned, kimDefers, anaApproves)
                .when(new RecordReview(ID, "reviewer-kim", ReviewDecision.APPROVE, List.of()), BY_ANA)
                .expectEvents(new ReviewRecorded(ID, "ma", "reviewer-kim", ReviewDecision.APPROVE, List.of()),
                        new PortfolioApproved(ID, "ma"));
    }

    @Test
    void bothDeferringReturnsThePortfolioWithTheirCommentsAndItComesBackWithoutNewFees() {
        List<SectionComment> anaComments = List.of(new SectionComment(Section.WORK, "Name the populations served"));
        ReviewRecorded anaDefers = new ReviewRecorded(ID, "ma", "reviewer-ana", ReviewDecision.DEFER, anaComments);
        ApplicationReturned returned = new ApplicationReturned(ID, "ma",
                List.of(anaComments.get(0), ADD_HOURS.get(0)));
        fixture.given(started, degreeRecorded, trainingRecorded, submitted, reviewOpened, assigned, anaDefers)
                .when(new RecordReview(ID, "reviewer-kim", ReviewDecision.DEFER, ADD_HOURS), BY_ANA)
                .expectEvents(new ReviewRecorded(ID, "ma", "reviewer-kim", ReviewDecision.DEFER, ADD_HOURS), returned);
        fixture.given(withReferences(submitted, reviewOpened, assigned, anaDefers,
                        new ReviewRecorded(ID, "ma", "reviewer-kim", ReviewDecision.DEFER, ADD_HOURS), returned))
                .when(submit, IN_MA)
                .expectEvents(new ApplicationResubmitted(ID, "ma", REQUIREMENTS, JUDGED_BY));
    }

    @Test
    void aDeferralSaysWhatToChangeAndOnlyAssignedReviewersReview() {
        fixture.given(started, submitted, reviewOpened, assigned)
                .when(new RecordReview(ID, "reviewer-ana", ReviewDecision.DEFER, List.of()), BY_ANA)
                .expectException(DomainRuleViolation.class)
                .expectNoEvents();
        fixture.given(started, submitted, reviewOpened, assigned)
                .when(new RecordReview(ID, "reviewer-zed", ReviewDecision.APPROVE, List.of()), BY_ANA)
                .expectException(DomainRuleViolation.class)
                .expectExceptionMessage("reviewer-zed is not a reviewer of application app-1");
    }

    @Test
    void approvalGrantsTheEndorsementOnlyOnceBothReviewersApproved() {
        fixture.given(started, submitted, reviewOpened, assigned, new PortfolioApproved(ID, "ma"))
                .when(new ApproveApplication(ID, "MA-000001", VALID_THROUGH), IN_MA)
                .expectEvents(new EndorsementGranted(ID, "ma", "applicant-1", "Zoë Example", Category.IMHS,
                        "MA-000001", VALID_THROUGH, "zoe@example.org"));
        fixture.given(started, submitted, reviewOpened)
                .when(new ApproveApplication(ID, "MA-000001", VALID_THROUGH), IN_MA)
                .expectException(DomainRuleViolation.class)
                .expectNoEvents();
    }

    @Test
    void aSubmittedApplicationIsDeniedWithReasonsOnce() {
        ApplicationDenied denied = new ApplicationDenied(ID, "ma", List.of("The degree could not be verified"));
        fixture.given(started, degreeRecorded, trainingRecorded, submitted)
                .when(new DenyApplication(ID, List.of("The degree could not be verified")), IN_MA)
                .expectEvents(denied);
        fixture.given(started, degreeRecorded, trainingRecorded, submitted, denied)
                .when(new DenyApplication(ID, List.of("Again")), IN_MA)
                .expectException(DomainRuleViolation.class)
                .expectNoEvents();
        fixture.given(started)
                .when(new DenyApplication(ID, List.of("Too early")), IN_MA)
                .expectException(DomainRuleViolation.class)
                .expectNoEvents();
    }

    @Test
    void anApplicationIsWithdrawnUntilItIsDecided() {
        fixture.given(started)
                .when(new WithdrawApplication(ID, "Moving"), IN_MA)
                .expectEvents(new ApplicationWithdrawn(ID, "ma", "Moving"));
        fixture.given(started, degreeRecorded, trainingRecorded, submitted, reviewOpened,
                        new EndorsementGranted(ID, "ma", "applicant-1", "Zoë Example", Category.IMHS, "MA-000001",
                                VALID_THROUGH, "zoe@example.org"))
                .when(new WithdrawApplication(ID, "Too late"), IN_MA)
                .expectException(DomainRuleViolation.class)
                .expectNoEvents();
    }

    /** Mental health specialist requirements: an exam in two parts. */
    private static final CategoryRequirements WITH_EXAM = new CategoryRequirements(Degree.ASSOCIATE, 2, 0, false,
            false, BigDecimal.valueOf(30), Set.of(CompetencyDomain.REFLECTION), BigDecimal.ZERO, 24, 3, List.of(), true,
            true);
    private static final LocalDate SITTING = LocalDate.of(2027, 1, 15);
    private final ApplicationSubmitted submittedWithExam =
            new ApplicationSubmitted(ID, "ma", "applicant-1", "Zoë Example", Category.IMHS, WITH_EXAM, JUDGED_BY,
                    "zoe@example.org");
    private final ExamScheduled scheduled = new ExamScheduled(ID, "ma", 1, SITTING,
            List.of(ExamPart.MULTIPLE_CHOICE, ExamPart.VIGNETTES), 80, 12);
    private static final MetaData BY_COORDINATOR = AuditMetadata.of("ma", "coordinator-1", "COORDINATOR");
    /** The sitting as a coordinator booked it: the booker is in the stored event's metadata. */
    private final Object bookedByCoordinator = new GenericEventMessage<>(scheduled, BY_COORDINATOR);
    private static final Reviewer LEE = new Reviewer("scorer-lee", "MA-000107", Category.IMHS);
    private static final Reviewer SAM = new Reviewer("scorer-sam", "MA-000108", Category.IMHM_C);
    private final ScorersAssigned scorersAssigned = new ScorersAssigned(ID, "ma", 1, "C-ABCD2345", List.of(
            new Reviewer("scorer-1", "MA-000111", Category.IMHS), new Reviewer("scorer-2", "MA-000112", Category.IMHS)));

    private Object[] approvedWithExam(Object... more) {
        List<Object> events = new ArrayList<>(List.of(started, submittedWithExam, reviewOpened, assigned,
                new PortfolioApproved(ID, "ma")));
        events.addAll(List.of(more));
        return events.toArray();
    }

    @Test
    void theExamFollowsThePortfolioApprovalAndHasTheCategorysParts() {
        fixture.given(approvedWithExam())
                .when(new ScheduleExam(ID, SITTING, 80, 12), IN_MA)
                .expectEvents(scheduled);
        fixture.given(started, submittedWithExam, reviewOpened)
                .when(new ScheduleExam(ID, SITTING, 80, 12), IN_MA)
                .expectException(DomainRuleViolation.class);
        fixture.given(started, submitted, reviewOpened, assigned, new PortfolioApproved(ID, "ma"))
                .when(new ScheduleExam(ID, SITTING, 80, 12), IN_MA)
                .expectException(DomainRuleViolation.class)
                .expectExceptionMessage("IMHS has no exam");
    }

    @Test
    void eachPartIsScoredByTwoScorersAndEveryPartMustReachThePassMark() {
        Object[] scoredButOne = approvedWithExam(scheduled, scorersAssigned,
                new ExamScoreRecorded(ID, "ma", 1, ExamPart.MULTIPLE_CHOICE, "scorer-1", 78),
                new ExamScoreRecorded(ID, "ma", 1, ExamPart.MULTIPLE_CHOICE, "scorer-2", 84),
                new ExamScoreRecorded(ID, "ma", 1, ExamPart.VIGNETTES, "scorer-1", 90));
        fixture.given(scoredButOne)
                .when(new RecordExamScore(ID, ExamPart.VIGNETTES, "scorer-2", 80, SITTING), IN_MA)
                .expectEvents(new ExamScoreRecorded(ID, "ma", 1, ExamPart.VIGNETTES, "scorer-2", 80),
                        new ExamPassed(ID, "ma", 1, Map.of(ExamPart.MULTIPLE_CHOICE, 81.0, ExamPart.VIGNETTES, 85.0)));
        fixture.given(scoredButOne)
                .when(new RecordExamScore(ID, ExamPart.VIGNETTES, "scorer-1", 80, SITTING), IN_MA)
                .expectException(DomainRuleViolation.class)
                .expectNoEvents();
        fixture.given(scoredButOne)
                .when(new RecordExamScore(ID, ExamPart.VIGNETTES, "scorer-2", 60, SITTING), IN_MA)
                .expectEvents(new ExamScoreRecorded(ID, "ma", 1, ExamPart.VIGNETTES, "scorer-2", 60),
                        new ExamFailed(ID, "ma", 1, Map.of(ExamPart.MULTIPLE_CHOICE, 81.0, ExamPart.VIGNETTES, 75.0),
                                SITTING.plusMonths(12)));
        fixture.given(approvedWithExam(scheduled, scorersAssigned))
                .when(new RecordExamScore(ID, ExamPart.MULTIPLE_CHOICE, "applicant-1", 100, SITTING), IN_MA)
                .expectException(DomainRuleViolation.class)
                .expectExceptionMessage("No one scores their own exam");
    }

    @Test
    void anExamIsBookedOnADraftOrWithdrawnApplicationNeverAndSaysWhy() {
        fixture.given(started)
                .when(new ScheduleExam(ID, SITTING, 80, 12), IN_MA)
                .expectException(DomainRuleViolation.class)
                .expectExceptionMessage("Application app-1 is DRAFT; the exam follows the reviewers' approval of the "
                        + "portfolio")
                .expectNoEvents();
        fixture.given(started, new ApplicationWithdrawn(ID, "ma", "Moving"))
                .when(new ScheduleExam(ID, SITTING, 80, 12), IN_MA)
                .expectException(DomainRuleViolation.class)
                .expectExceptionMessage("Application app-1 is WITHDRAWN; the exam follows the reviewers' approval of "
                        + "the portfolio")
                .expectNoEvents();
    }

    @Test
    void scoresAreRecordedOnlyFromTheSittingsDate() {
        fixture.given(approvedWithExam(scheduled, scorersAssigned))
                .when(new RecordExamScore(ID, ExamPart.MULTIPLE_CHOICE, "scorer-1", 90, SITTING.minusDays(1)), IN_MA)
                .expectException(DomainRuleViolation.class)
                .expectExceptionMessage("The sitting is on 2027-01-15; its scores are recorded from that day")
                .expectNoEvents();
        fixture.given(approvedWithExam(scheduled, scorersAssigned))
                .when(new RecordExamScore(ID, ExamPart.MULTIPLE_CHOICE, "scorer-1", 90, SITTING), IN_MA)
                .expectEvents(new ExamScoreRecorded(ID, "ma", 1, ExamPart.MULTIPLE_CHOICE, "scorer-1", 90));
    }

    @Test
    void onlyTheTwoAssignedScorersScoreAndNeitherReviewerNorBooker() {
        AssignScorers byCoordinator = new AssignScorers(ID, List.of(LEE, SAM), "C-ABCD2345", false);
        fixture.given(approvedWithExam(bookedByCoordinator))
                .when(byCoordinator, BY_COORDINATOR)
                .expectEvents(new ScorersAssigned(ID, "ma", 1, "C-ABCD2345", List.of(LEE, SAM)));
        fixture.given(approvedWithExam(bookedByCoordinator))
                .when(new AssignScorers(ID, List.of(LEE), "C-ABCD2345", false), BY_COORDINATOR)
                .expectException(DomainRuleViolation.class)
                .expectExceptionMessage("An exam is scored by two different scorers");
        fixture.given(approvedWithExam(bookedByCoordinator))
                .when(new AssignScorers(ID, List.of(LEE, ANA), "C-ABCD2345", false), BY_COORDINATOR)
                .expectException(DomainRuleViolation.class)
                .expectExceptionMessage("reviewer-ana reviewed the portfolio; the association has its exams scored "
                        + "by others");
        fixture.given(approvedWithExam(bookedByCoordinator))
                .when(new AssignScorers(ID, List.of(LEE, ANA), "C-ABCD2345", true), BY_COORDINATOR)
                .expectEvents(new ScorersAssigned(ID, "ma", 1, "C-ABCD2345", List.of(LEE, ANA)));
        Reviewer booker = new Reviewer("coordinator-1", "MA-000109", Category.IMHM_C);
        fixture.given(approvedWithExam(bookedByCoordinator))
                .when(new AssignScorers(ID, List.of(LEE, booker), "C-ABCD2345", false), BY_COORDINATOR)
                .expectException(DomainRuleViolation.class)
                .expectExceptionMessage("coordinator-1 booked the sitting and cannot score it");
        Reviewer associate = new Reviewer("scorer-ifa", "MA-000110", Category.IFA);
        fixture.given(approvedWithExam(bookedByCoordinator))
                .when(new AssignScorers(ID, List.of(LEE, associate), "C-ABCD2345", false), BY_COORDINATOR)
                .expectException(DomainRuleViolation.class)
                .expectExceptionMessage("scorer-ifa is endorsed as IFA; reviewers of IMHS are endorsed at the same "
                        + "level or higher");
        fixture.given(approvedWithExam(bookedByCoordinator, new ScorersAssigned(ID, "ma", 1, "C-ABCD2345",
                        List.of(LEE, SAM))))
                .when(new RecordExamScore(ID, ExamPart.MULTIPLE_CHOICE, "reviewer-ana", 90, SITTING), BY_ANA)
                .expectException(DomainRuleViolation.class)
                .expectExceptionMessage("reviewer-ana is not a scorer of this sitting")
                .expectNoEvents();
        fixture.given(approvedWithExam(scheduled))
                .when(new RecordExamScore(ID, ExamPart.MULTIPLE_CHOICE, "scorer-lee", 90, SITTING), IN_MA)
                .expectException(DomainRuleViolation.class)
                .expectNoEvents();
    }

    @Test
    void aMentorInPolicyOrResearchDoesNotReviewAClinicalPortfolio() {
        ApplicationStarted mentor = new ApplicationStarted(ID, "ma", "applicant-1", "Zoë Example", Category.IMHM_C,
                "zoe@example.org", "MA");
        ApplicationSubmitted mentorSubmitted = new ApplicationSubmitted(ID, "ma", "applicant-1", "Zoë Example",
                Category.IMHM_C, WITH_EXAM, JUDGED_BY, "zoe@example.org");
        Reviewer policyMentor = new Reviewer("reviewer-pat", "MA-000105", Category.IMHM_P);
        Reviewer clinicalMentor = new Reviewer("reviewer-cy", "MA-000106", Category.ECMHM_C);
        fixture.given(mentor, mentorSubmitted, reviewOpened)
                .when(new AssignReviewers(ID, List.of(ANA, policyMentor)), IN_MA)
                .expectException(DomainRuleViolation.class)
                .expectExceptionMessage("reviewer-pat is endorsed as IMHM-P; reviewers of IMHM-C are endorsed in the "
                        + "same track (practice)")
                .expectNoEvents();
        fixture.given(mentor, mentorSubmitted, reviewOpened)
                .when(new AssignReviewers(ID, List.of(ANA, clinicalMentor)), IN_MA)
                .expectEvents(new ReviewersAssigned(ID, "ma", List.of(ANA, clinicalMentor)));
    }

    @Test
    void aCandidateWhoFailedSitsAgainAfterTheInterval() {
        ExamFailed failed = new ExamFailed(ID, "ma", 1, Map.of(ExamPart.MULTIPLE_CHOICE, 70.0,
                ExamPart.VIGNETTES, 90.0), SITTING.plusMonths(12));
        fixture.given(approvedWithExam(scheduled, failed))
                .when(new ScheduleExam(ID, SITTING.plusMonths(6), 80, 12), IN_MA)
                .expectException(DomainRuleViolation.class)
                .expectExceptionMessage("After a failed exam the next sitting can be on 2028-01-15 at the earliest");
        fixture.given(approvedWithExam(scheduled, failed))
                .when(new ScheduleExam(ID, SITTING.plusMonths(12), 80, 12), IN_MA)
                .expectEvents(new ExamScheduled(ID, "ma", 2, SITTING.plusMonths(12),
                        List.of(ExamPart.MULTIPLE_CHOICE, ExamPart.VIGNETTES), 80, 12));
    }

    @Test
    void aCategoryWithAnExamIsGrantedOnlyOnceItIsPassed() {
        fixture.given(approvedWithExam())
                .when(new ApproveApplication(ID, "MA-000001", VALID_THROUGH), IN_MA)
                .expectException(DomainRuleViolation.class)
                .expectNoEvents();
        fixture.given(approvedWithExam(scheduled, new ExamPassed(ID, "ma", 1, Map.of(ExamPart.MULTIPLE_CHOICE, 90.0,
                        ExamPart.VIGNETTES, 90.0))))
                .when(new ApproveApplication(ID, "MA-000001", VALID_THROUGH), IN_MA)
                .expectEvents(new EndorsementGranted(ID, "ma", "applicant-1", "Zoë Example", Category.IMHS,
                        "MA-000001", VALID_THROUGH, "zoe@example.org"));
    }

    @Test
    void anotherAssociationCannotTouchTheApplication() {
        fixture.given(started, submitted, reviewOpened, assigned, new PortfolioApproved(ID, "ma"))
                .when(new ApproveApplication(ID, "WA-000001", VALID_THROUGH), IN_WA)
                .expectException(UnknownResource.class)
                .expectNoEvents();
    }
}
