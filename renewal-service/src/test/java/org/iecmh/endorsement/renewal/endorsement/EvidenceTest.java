package org.iecmh.endorsement.renewal.endorsement;

import org.axonframework.messaging.MetaData;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.iecmh.endorsement.contracts.association.RenewalPolicy;
import org.iecmh.endorsement.kit.audit.AuditMetadata;
import org.iecmh.endorsement.kit.files.StoredFile;
import org.iecmh.endorsement.kit.web.UnknownResource;
import org.iecmh.endorsement.renewal.evidence.AcceptEvidence;
import org.iecmh.endorsement.renewal.evidence.AttachEvidence;
import org.iecmh.endorsement.renewal.evidence.EvidenceAccepted;
import org.iecmh.endorsement.renewal.evidence.EvidenceAttached;
import org.iecmh.endorsement.renewal.evidence.EvidenceReturned;
import org.iecmh.endorsement.renewal.evidence.RenewalAuditClosed;
import org.iecmh.endorsement.renewal.evidence.RenewalAuditDraw;
import org.iecmh.endorsement.renewal.evidence.RenewalSampled;
import org.iecmh.endorsement.renewal.evidence.ReturnEvidence;
import org.iecmh.endorsement.renewal.lifecycle.EndorsementActivated;
import org.iecmh.endorsement.renewal.submission.ApproveRenewal;
import org.iecmh.endorsement.renewal.submission.EndorsementRenewed;
import org.iecmh.endorsement.renewal.submission.RenewalReturned;
import org.iecmh.endorsement.renewal.submission.RenewalSubmitted;
import org.iecmh.endorsement.renewal.submission.SubmitRenewal;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.LocalDate;
import java.time.MonthDay;
import java.util.List;
import java.util.Set;

import static org.hamcrest.Matchers.instanceOf;
import static org.iecmh.endorsement.renewal.endorsement.BrokenRule.breaks;

/**
 * The evidence of a renewal's hours and the renewal audit, one rule per test: given the endorsement's history, when a
 * command comes, then these events.
 */
class EvidenceTest {

    private static final String NUMBER = "MA-000001";
    private static final LocalDate THROUGH = LocalDate.of(2027, 12, 31);
    private static final LocalDate SUBMITTED_ON = LocalDate.of(2027, 11, 2);
    private static final MetaData ENDORSEE = AuditMetadata.of("ma", "zoe", "APPLICANT");
    private static final MetaData COORDINATOR = AuditMetadata.of("ma", "coordinator-1", "COORDINATOR");
    private static final long LIMIT = 1_000_000;

    private final EndorsementActivated activated = new EndorsementActivated(NUMBER, "ma", "app-1", "zoe",
            "Zoë Example", "IFS", Instant.parse("2026-11-22T10:00:00Z"), THROUGH, LocalDate.of(2026, 11, 22));
    private final RenewalSubmitted submitted = new RenewalSubmitted(NUMBER, "ma", SUBMITTED_ON, false, 0, "USD");
    private final int draw = RenewalAuditDraw.draw("ma", NUMBER, THROUGH);
    private final RenewalSampled sampled = new RenewalSampled(NUMBER, "ma", THROUGH, 100, draw, SUBMITTED_ON);

    private AggregateTestFixture<Endorsement> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Endorsement.class);
    }

    /** Yearly by December 31, nothing asked of a year, and {@code auditPercent}% of renewals audited. */
    private static RenewalPolicy auditing(int auditPercent) {
        return new RenewalPolicy(LocalDate.of(2020, 1, 1),
                new RenewalPolicy.Yearly(MonthDay.of(12, 31), MonthDay.of(10, 1)), 30, 0, "USD",
                new RenewalPolicy.Reminders(List.of(), List.of()),
                new RenewalPolicy.YearlyActivity(0, 0, 0, Set.of(), false, false), 0, false, auditPercent);
    }

    private static StoredFile file(String key, String sha256) {
        return new StoredFile(key, 1234, "application/pdf", sha256);
    }

    private static AttachEvidence attach(String id, int year, StoredFile file, String replaces) {
        return new AttachEvidence(NUMBER, id, year, id + ".pdf", file, "ma", replaces, "zoe", LIMIT, auditing(100));
    }

    private static EvidenceAttached attached(String id, StoredFile file, String replaces) {
        return new EvidenceAttached(NUMBER, "ma", id, THROUGH, 2027, id + ".pdf", file, "ma", "zoe", replaces);
    }

    @Test
    void everyRenewalIsSampledWhereTheAssociationAuditsAllAndTheDrawIsRecorded() {
        fixture.given(activated)
                .when(new SubmitRenewal(NUMBER, SUBMITTED_ON, auditing(100)), ENDORSEE)
                .expectEvents(submitted, sampled);
    }

    @Test
    void noRenewalIsSampledWhereTheAssociationAuditsNone() {
        fixture.given(activated)
                .when(new SubmitRenewal(NUMBER, SUBMITTED_ON, auditing(0)), ENDORSEE)
                .expectEvents(submitted);
    }

    @Test
    void aRenewalSubmittedAgainAfterItWasReturnedIsNotDrawnAgain() {
        fixture.given(activated, submitted, sampled, new RenewalReturned(NUMBER, "ma", "Add the log"))
                .when(new SubmitRenewal(NUMBER, SUBMITTED_ON, auditing(100)), ENDORSEE)
                .expectEvents(submitted);
    }

    @Test
    void aSampledRenewalIsNotApprovedBeforeItsAuditCloses() {
        fixture.given(activated, submitted, sampled, attached("a", file("k-a", "aa"), null))
                .when(new ApproveRenewal(NUMBER, LocalDate.of(2027, 11, 5), auditing(100)), COORDINATOR)
                .expectException(breaks("renewal-audit-open"));
    }

    @Test
    void aReturnedItemIsReplacedAndTheAuditClosesWhenEveryItemIsAccepted() {
        fixture.given(activated, submitted, sampled, attached("a", file("k-a", "aa"), null),
                        new EvidenceReturned(NUMBER, "ma", "a", "The hours are not shown"))
                .when(attach("b", 2027, file("k-b", "bb"), "a"), ENDORSEE)
                .expectEvents(attached("b", file("k-b", "bb"), "a"))
                .expectResultMessagePayload("k-b");
        fixture.given(activated, submitted, sampled, attached("a", file("k-a", "aa"), null),
                        new EvidenceReturned(NUMBER, "ma", "a", "The hours are not shown"),
                        attached("b", file("k-b", "bb"), "a"))
                .when(new AcceptEvidence(NUMBER, "b", LocalDate.of(2027, 11, 9)), COORDINATOR)
                .expectEvents(new EvidenceAccepted(NUMBER, "ma", "b"),
                        new RenewalAuditClosed(NUMBER, "ma", THROUGH, LocalDate.of(2027, 11, 9)));
        fixture.given(activated, submitted, sampled, attached("a", file("k-a", "aa"), null),
                        new EvidenceAccepted(NUMBER, "ma", "a"),
                        new RenewalAuditClosed(NUMBER, "ma", THROUGH, LocalDate.of(2027, 11, 9)))
                .when(new ApproveRenewal(NUMBER, LocalDate.of(2027, 11, 10), auditing(100)), COORDINATOR)
                .expectEvents(new EndorsementRenewed(NUMBER, "ma", LocalDate.of(2027, 11, 10),
                        LocalDate.of(2028, 12, 31)));
    }

    @Test
    void aReturnedItemNotYetReplacedKeepsTheAuditOpen() {
        fixture.given(activated, submitted, sampled, attached("a", file("k-a", "aa"), null),
                        attached("b", file("k-b", "bb"), null),
                        new EvidenceReturned(NUMBER, "ma", "a", "Unreadable"))
                .when(new AcceptEvidence(NUMBER, "b", LocalDate.of(2027, 11, 9)), COORDINATOR)
                .expectEvents(new EvidenceAccepted(NUMBER, "ma", "b"));
    }

    @Test
    void judgingAnItemTwiceTheSameWayChangesNothingAndAnAcceptedItemIsNotReturned() {
        fixture.given(activated, submitted, sampled, attached("a", file("k-a", "aa"), null),
                        attached("b", file("k-b", "bb"), null), new EvidenceAccepted(NUMBER, "ma", "a"))
                .when(new AcceptEvidence(NUMBER, "a", LocalDate.of(2027, 11, 9)), COORDINATOR)
                .expectNoEvents();
        fixture.given(activated, submitted, sampled, attached("a", file("k-a", "aa"), null),
                        new EvidenceAccepted(NUMBER, "ma", "a"))
                .when(new ReturnEvidence(NUMBER, "a", "Too late"), COORDINATOR)
                .expectException(breaks("evidence-accepted"));
        fixture.given(activated, submitted, sampled, attached("a", file("k-a", "aa"), null),
                        new EvidenceReturned(NUMBER, "ma", "a", "Unreadable"))
                .when(new ReturnEvidence(NUMBER, "a", "Unreadable"), COORDINATOR)
                .expectNoEvents();
    }

    @Test
    void evidenceOfARenewalThatWasNotSampledIsKeptNotJudged() {
        fixture.given(activated, attached("a", file("k-a", "aa"), null))
                .when(new AcceptEvidence(NUMBER, "a", LocalDate.of(2027, 11, 9)), COORDINATOR)
                .expectException(breaks("renewal-not-sampled"));
        fixture.given(activated, submitted, sampled)
                .when(new AcceptEvidence(NUMBER, "nothing", LocalDate.of(2027, 11, 9)), COORDINATOR)
                .expectException(instanceOf(UnknownResource.class));
    }

    @Test
    void theSameAttachmentSentAgainIsTakenAsDoneAndAnotherFileUnderItsKeyIsRefused() {
        fixture.given(activated, attached("a", file("k-a", "aa"), null))
                .when(attach("a", 2027, file("k-other", "aa"), null), ENDORSEE)
                .expectNoEvents()
                .expectResultMessagePayload("k-a");
        fixture.given(activated, attached("a", file("k-a", "aa"), null))
                .when(attach("a", 2027, file("k-other", "cc"), null), ENDORSEE)
                .expectException(breaks("idempotency-key-reused"));
    }

    @Test
    void evidenceIsForAYearOfTheCurrentCycleAndWithinTheCyclesLimit() {
        fixture.given(activated)
                .when(attach("a", 2026, file("k-a", "aa"), null), ENDORSEE)
                .expectException(breaks("evidence-year-outside-cycle"));
        fixture.given(activated, attached("a", file("k-a", "aa"), null))
                .when(new AttachEvidence(NUMBER, "b", 2027, "b.pdf", file("k-b", "bb"), "ma", null, "zoe", 2000,
                        auditing(0)), ENDORSEE)
                .expectException(breaks("evidence-cycle-limit"));
        fixture.given(activated, attached("a", file("k-a", "aa"), null))
                .when(attach("b", 2027, file("k-b", "bb"), "a"), ENDORSEE)
                .expectException(breaks("evidence-not-returned"));
    }

    @Test
    void aRenewedEndorsementsNextCycleAsksForItsOwnEvidenceAndDrawsAgain() {
        LocalDate next = LocalDate.of(2028, 12, 31);
        fixture.given(activated, submitted, sampled, attached("a", file("k-a", "aa"), null),
                        new EvidenceAccepted(NUMBER, "ma", "a"),
                        new RenewalAuditClosed(NUMBER, "ma", THROUGH, LocalDate.of(2027, 11, 9)),
                        new EndorsementRenewed(NUMBER, "ma", LocalDate.of(2027, 11, 10), next))
                .when(new SubmitRenewal(NUMBER, LocalDate.of(2028, 11, 2), auditing(100)), ENDORSEE)
                .expectEvents(new RenewalSubmitted(NUMBER, "ma", LocalDate.of(2028, 11, 2), false, 0, "USD"),
                        new RenewalSampled(NUMBER, "ma", next, 100, RenewalAuditDraw.draw("ma", NUMBER, next),
                                LocalDate.of(2028, 11, 2)));
    }
}
