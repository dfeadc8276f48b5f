package org.iecmh.endorsement.application.lifecycle;

import org.axonframework.messaging.MetaData;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.iecmh.endorsement.application.portfolio.AnswerSupervisionConfirmation;
import org.iecmh.endorsement.application.portfolio.AskSupervisionConfirmation;
import org.iecmh.endorsement.application.portfolio.AttachFile;
import org.iecmh.endorsement.application.portfolio.AttachmentRemoved;
import org.iecmh.endorsement.application.portfolio.FileAttached;
import org.iecmh.endorsement.application.portfolio.PortfolioEntry;
import org.iecmh.endorsement.application.portfolio.PortfolioEntryRecorded;
import org.iecmh.endorsement.application.portfolio.PortfolioEntryRemoved;
import org.iecmh.endorsement.application.portfolio.RemovePortfolioEntry;
import org.iecmh.endorsement.application.portfolio.SessionCorrection;
import org.iecmh.endorsement.application.portfolio.SupervisionConfirmationRequested;
import org.iecmh.endorsement.application.portfolio.SupervisionConfirmed;
import org.iecmh.endorsement.application.requirements.CategoryRequirements;
import org.iecmh.endorsement.application.requirements.JudgedBy;
import org.iecmh.endorsement.application.submission.ApplicationStarted;
import org.iecmh.endorsement.application.submission.ApplicationSubmitted;
import org.iecmh.endorsement.contracts.Category;
import org.iecmh.endorsement.kit.audit.AuditMetadata;
import org.iecmh.endorsement.kit.files.StoredFile;
import org.iecmh.endorsement.kit.web.DomainRuleViolation;
import org.iecmh.endorsement.kit.web.ResourceGone;
import org.iecmh.endorsement.kit.web.UnknownResource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;

/** The evidence a portfolio carries: its attachments and its providers' confirmations, as the aggregate decides them. */
class EvidenceTest {

    private static final String ID = "app-1";
    private static final MetaData APPLICANT = AuditMetadata.of("ma", "applicant-1", "APPLICANT");
    private static final MetaData COORDINATOR = AuditMetadata.of("ma", "coordinator-1", "COORDINATOR");
    private static final MetaData PROVIDER = AuditMetadata.of("ma", "supervisor:c-1", "REFERENCE_RATER");
    private static final Instant NOW = Instant.parse("2026-11-22T10:00:00Z");
    private static final Instant LINK_EXPIRES = NOW.plusSeconds(30L * 24 * 3600);
    private static final long LIMIT = 1_000;

    private final ApplicationStarted started =
            new ApplicationStarted(ID, "ma", "applicant-1", "Zoë Example", Category.IFA, "zoe@example.org", "MA");
    private final PortfolioEntryRecorded degree = new PortfolioEntryRecorded(ID, "e1",
            new PortfolioEntry.Education(PortfolioEntry.Degree.ASSOCIATE, "Early childhood", "Bunker Hill CC", 2018));
    private final PortfolioEntryRecorded session1 = new PortfolioEntryRecorded(ID, "s1",
            new PortfolioEntry.ReflectiveSupervision(LocalDate.of(2026, 5, 4), BigDecimal.valueOf(2),
                    PortfolioEntry.SupervisionFormat.INDIVIDUAL, "MA-P-0102"));
    private final PortfolioEntryRecorded session2 = new PortfolioEntryRecorded(ID, "s2",
            new PortfolioEntry.ReflectiveSupervision(LocalDate.of(2026, 6, 1), new BigDecimal("1.5"),
                    PortfolioEntry.SupervisionFormat.INDIVIDUAL, "MA-P-0102"));
    private final ApplicationSubmitted submitted = new ApplicationSubmitted(ID, "ma", "applicant-1", "Zoë Example",
            Category.IFA, new CategoryRequirements(PortfolioEntry.Degree.ASSOCIATE, 2, 0, false, false,
            BigDecimal.valueOf(30), Set.of(), BigDecimal.ZERO, 24, 3, List.of(), false, false),
            new JudgedBy(LocalDate.of(2000, 1, 1), 4), "zoe@example.org");
    private final SupervisionConfirmationRequested requested = new SupervisionConfirmationRequested(ID, "ma", "c-1",
            "MA-P-0102", "Kim Lee", "kim@example.org", List.of("s1", "s2"), LINK_EXPIRES);

    private AggregateTestFixture<Application> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Application.class);
    }

    private static StoredFile file(String sha256, long size) {
        return new StoredFile("applications/app-1/f/" + sha256, size, "application/pdf", sha256);
    }

    private static AttachFile attach(String attachmentId, String entryId, StoredFile file, boolean byStaff) {
        return new AttachFile(ID, attachmentId, entryId, "transcript.pdf", file, LIMIT, byStaff);
    }

    @Test
    void theApplicantAttachesAFileToAnEntryAndTheSameFileSentAgainChangesNothing() {
        fixture.given(started, degree)
                .when(attach("f-1", "e1", file("aa", 400), false), APPLICANT)
                .expectEvents(new FileAttached(ID, "ma", "f-1", "e1", "transcript.pdf", file("aa", 400)));
        fixture.given(started, degree, new FileAttached(ID, "ma", "f-1", "e1", "transcript.pdf", file("aa", 400)))
                .when(attach("f-1", "e1", file("aa", 400), false), APPLICANT)
                .expectNoEvents();
        fixture.given(started, degree, new FileAttached(ID, "ma", "f-1", "e1", "transcript.pdf", file("aa", 400)))
                .when(attach("f-1", "e1", file("bb", 400), false), APPLICANT)
                .expectNoEvents()
                .expectException(DomainRuleViolation.class)
                .expectExceptionMessage("Attachment f-1 exists already with another file; send a new file under a "
                        + "new Idempotency-Key");
    }

    @Test
    void theApplicationsFilesStayWithinTheAssociationsLimitAndAFileNeedsItsEntry() {
        fixture.given(started, degree, new FileAttached(ID, "ma", "f-1", "e1", "a.pdf", file("aa", 700)))
                .when(attach("f-2", "e1", file("bb", 301), false), APPLICANT)
                .expectNoEvents()
                .expectException(DomainRuleViolation.class)
                .expectExceptionMessage("The application's files would come to 1001 bytes, more than the 1000 the "
                        + "association allows");
        fixture.given(started, degree, new FileAttached(ID, "ma", "f-1", "e1", "a.pdf", file("aa", 700)),
                        new AttachmentRemoved(ID, "ma", "f-1"))
                .when(attach("f-2", "e1", file("bb", 301), false), APPLICANT)
                .expectEvents(new FileAttached(ID, "ma", "f-2", "e1", "transcript.pdf", file("bb", 301)));
        fixture.given(started, degree)
                .when(attach("f-2", "no-such-entry", file("bb", 10), false), APPLICANT)
                .expectNoEvents()
                .expectExceptionMessage("No portfolio entry no-such-entry");
    }

    @Test
    void onceSubmittedOnlyTheAssociationsStaffAttachUntilTheDecision() {
        fixture.given(started, degree, submitted)
                .when(attach("f-1", "e1", file("aa", 10), false), APPLICANT)
                .expectNoEvents()
                .expectException(DomainRuleViolation.class)
                .expectExceptionMessage("Application app-1 is SUBMITTED; its portfolio can no longer change");
        fixture.given(started, degree, submitted)
                .when(attach("f-1", "e1", file("aa", 10), true), COORDINATOR)
                .expectEvents(new FileAttached(ID, "ma", "f-1", "e1", "transcript.pdf", file("aa", 10)));
    }

    @Test
    void anEntryRemovedTakesItsAttachmentsWithIt() {
        fixture.given(started, degree, new FileAttached(ID, "ma", "f-1", "e1", "a.pdf", file("aa", 10)),
                        new FileAttached(ID, "ma", "f-2", "e1", "b.pdf", file("bb", 10)))
                .when(new RemovePortfolioEntry(ID, "e1"), APPLICANT)
                .expectEvents(new AttachmentRemoved(ID, "ma", "f-1"), new AttachmentRemoved(ID, "ma", "f-2"),
                        new PortfolioEntryRemoved(ID, "ma", "e1"));
    }

    @Test
    void aProviderIsAskedAboutEverySessionLoggedWithThemAndOnlyIfThereIsOne() {
        fixture.given(started, degree, session1, session2)
                .when(new AskSupervisionConfirmation(ID, "c-1", "MA-P-0102", "Kim Lee", "kim@example.org",
                        LINK_EXPIRES), APPLICANT)
                .expectEvents(requested);
        fixture.given(started, degree, session1, session2, requested)
                .when(new AskSupervisionConfirmation(ID, "c-1", "MA-P-0102", "Kim Lee", "kim@example.org",
                        LINK_EXPIRES), APPLICANT)
                .expectNoEvents();
        fixture.given(started, degree)
                .when(new AskSupervisionConfirmation(ID, "c-2", "MA-P-0102", "Kim Lee", "kim@example.org",
                        LINK_EXPIRES), APPLICANT)
                .expectNoEvents()
                .expectExceptionMessage("The portfolio logs no supervision session with provider MA-P-0102");
    }

    @Test
    void theProviderAnswersOnceInTimeAndASessionStatedAsLoggedIsNoCorrection() {
        SessionCorrection asLogged = new SessionCorrection("s1", LocalDate.of(2026, 5, 4), new BigDecimal("2.0"), null);
        SessionCorrection shorter = new SessionCorrection("s2", LocalDate.of(2026, 6, 1), BigDecimal.ONE, "An hour");
        fixture.given(started, session1, session2, requested)
                .when(new AnswerSupervisionConfirmation(ID, "c-1", List.of(asLogged, shorter), NOW), PROVIDER)
                .expectEvents(new SupervisionConfirmed(ID, "ma", "c-1", "MA-P-0102", List.of("s1", "s2"),
                        List.of(shorter)));
        SupervisionConfirmed confirmed = new SupervisionConfirmed(ID, "ma", "c-1", "MA-P-0102", List.of("s1", "s2"),
                List.of());
        fixture.given(started, session1, session2, requested, confirmed)
                .when(new AnswerSupervisionConfirmation(ID, "c-1", List.of(), NOW), PROVIDER)
                .expectNoEvents()
                .expectException(ResourceGone.class)
                .expectExceptionMessage("These sessions were answered already; a link works once");
        fixture.given(started, session1, session2, requested)
                .when(new AnswerSupervisionConfirmation(ID, "c-1", List.of(), LINK_EXPIRES), PROVIDER)
                .expectNoEvents()
                .expectException(ResourceGone.class)
                .expectExceptionMessage("This link expired on " + LINK_EXPIRES + "; the applicant can ask again");
        fixture.given(started, degree, session1, session2, requested)
                .when(new AnswerSupervisionConfirmation(ID, "c-1", List.of(new SessionCorrection("e1",
                        LocalDate.of(2026, 5, 4), BigDecimal.ONE, null)), NOW), PROVIDER)
                .expectNoEvents()
                .expectException(DomainRuleViolation.class)
                .expectExceptionMessage("Session e1 is not one of those this link asks about");
    }

    @Test
    void aProviderOfAnotherAssociationCannotAnswer() {
        fixture.given(started, session1, session2, requested)
                .when(new AnswerSupervisionConfirmation(ID, "c-1", List.of(), NOW),
                        AuditMetadata.of("wa", "supervisor:c-1", "REFERENCE_RATER"))
                .expectNoEvents()
                .expectException(UnknownResource.class)
                .expectExceptionMessage("No application app-1");
    }
}
