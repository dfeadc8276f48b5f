package org.iecmh.endorsement.renewal.endorsement;

import org.iecmh.endorsement.renewal.claim.ClaimEndorsement;
import org.iecmh.endorsement.renewal.claim.EndorsementClaimed;
import org.axonframework.messaging.MetaData;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.hamcrest.FeatureMatcher;
import org.hamcrest.Matchers;
import org.iecmh.endorsement.kit.audit.AuditMetadata;
import org.iecmh.endorsement.kit.web.DomainRuleViolation;
import org.iecmh.endorsement.kit.web.UnknownResource;
import org.iecmh.endorsement.renewal.activity.CodeOfEthicsSigned;
import org.iecmh.endorsement.renewal.activity.CorrectReflectiveSupervision;
import org.iecmh.endorsement.renewal.activity.CorrectTraining;
import org.iecmh.endorsement.renewal.activity.ReflectiveSupervisionCorrected;
import org.iecmh.endorsement.renewal.activity.ReflectiveSupervisionRemoved;
import org.iecmh.endorsement.renewal.activity.RemoveReflectiveSupervision;
import org.iecmh.endorsement.renewal.activity.RemoveTraining;
import org.iecmh.endorsement.renewal.activity.TrainingCorrected;
import org.iecmh.endorsement.renewal.activity.TrainingRemoved;
import org.iecmh.endorsement.renewal.activity.MembershipRecorded;
import org.iecmh.endorsement.renewal.activity.RecordReflectiveSupervision;
import org.iecmh.endorsement.renewal.activity.RecordTraining;
import org.iecmh.endorsement.renewal.activity.ReflectiveSupervisionProvider;
import org.iecmh.endorsement.renewal.activity.ReflectiveSupervisionRecorded;
import org.iecmh.endorsement.renewal.activity.TrainingRecorded;
import org.iecmh.endorsement.contracts.association.RenewalPolicy;
import org.iecmh.endorsement.renewal.reminders.EmailAddressRecorded;
import org.iecmh.endorsement.renewal.reinstatement.ApproveReinstatement;
import org.iecmh.endorsement.renewal.reinstatement.RecordReinstatementFeePaid;
import org.iecmh.endorsement.renewal.reinstatement.ReinstatementFeePaid;
import org.iecmh.endorsement.renewal.reinstatement.ReinstatementRequested;
import org.iecmh.endorsement.renewal.reinstatement.RequestReinstatement;
import org.iecmh.endorsement.renewal.schedule.EndorsementLapsed;
import org.iecmh.endorsement.renewal.schedule.LapseEndorsement;
import org.iecmh.endorsement.renewal.schedule.OpenRenewalWindow;
import org.iecmh.endorsement.renewal.schedule.ReminderAnchor;
import org.iecmh.endorsement.renewal.schedule.RenewalReminderDue;
import org.iecmh.endorsement.renewal.schedule.RenewalWindowOpened;
import org.iecmh.endorsement.renewal.schedule.SendRenewalReminder;
import org.iecmh.endorsement.renewal.submission.ApproveRenewal;
import org.iecmh.endorsement.renewal.submission.EndorsementRenewed;
import org.iecmh.endorsement.renewal.submission.LateRenewalFeeCharged;
import org.iecmh.endorsement.renewal.submission.LateRenewalFeePaid;
import org.iecmh.endorsement.renewal.submission.RecordLateRenewalFeePaid;
import org.iecmh.endorsement.renewal.submission.RenewalReturned;
import org.iecmh.endorsement.renewal.submission.RenewalSubmitted;
import org.iecmh.endorsement.renewal.submission.ReturnRenewal;
import org.iecmh.endorsement.renewal.submission.SubmitRenewal;
import org.iecmh.endorsement.renewal.transfer.AcceptTransfer;
import org.iecmh.endorsement.renewal.transfer.EndorsementTransferred;
import org.iecmh.endorsement.renewal.transfer.RequestTransfer;
import org.iecmh.endorsement.renewal.transfer.TransferRequested;
import org.iecmh.endorsement.renewal.lifecycle.ActivateEndorsement;
import org.iecmh.endorsement.renewal.lifecycle.EndorsementActivated;
import org.iecmh.endorsement.renewal.lifecycle.EndorsementInactivated;
import org.iecmh.endorsement.renewal.lifecycle.EndorsementReactivated;
import org.iecmh.endorsement.renewal.lifecycle.EndorsementRevoked;
import org.iecmh.endorsement.renewal.lifecycle.InactivateEndorsement;
import org.iecmh.endorsement.renewal.lifecycle.ReactivateEndorsement;
import org.iecmh.endorsement.renewal.lifecycle.RevokeEndorsement;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.MonthDay;
import java.util.List;
import java.util.Set;

import static org.iecmh.endorsement.renewal.endorsement.BrokenRule.breaks;

/** The Endorsement aggregate, one rule per test: given its history, when a command comes, then these events. */
class EndorsementTest {

    private static final String MA_NUMBER = "MA-000001";
    private static final String WA_NUMBER = "WA-000001";
    private static final MetaData IN_MA = AuditMetadata.of("ma", "coordinator-1", "COORDINATOR");
    private static final MetaData IN_WA = AuditMetadata.of("wa", "coordinator-9", "COORDINATOR");
    private static final MetaData SCHEDULE_IN_MA = AuditMetadata.of("ma", "service:renewal-service", "SYSTEM");
    private static final RenewalPolicy.YearlyActivity ACTIVITY = new RenewalPolicy.YearlyActivity(15, 0, 12,
            Set.of("IFS", "ECFS", "IMHS", "ECMHS", "IMHM-C", "ECMHM-C"), true, true);
    /** Washington (seed 003): membership, 15 training hours, 12 RSC hours every year; no yearly code of ethics. */
    private static final RenewalPolicy.YearlyActivity WA_ACTIVITY = new RenewalPolicy.YearlyActivity(15, 0, 12,
            Set.of("IFS", "ECFS", "IMHS", "ECMHS", "IMHM-C", "ECMHM-C"), false, true);
    /** Massachusetts: yearly by December 31, the window opening October 1, 30 days' grace with a $25 late fee. */
    private static final RenewalPolicy MA = new RenewalPolicy(LocalDate.of(2020, 1, 1),
            new RenewalPolicy.Yearly(MonthDay.of(12, 31), MonthDay.of(10, 1)), 30, 2500, "USD",
            new RenewalPolicy.Reminders(List.of(), List.of(7, 60, 30)), ACTIVITY, 24, false, 0);
    /** Washington (seed 003): October 1 - December 31 of 2027, 2030, 2033, no grace. */
    private static final RenewalPolicy WA = new RenewalPolicy(LocalDate.of(2020, 1, 1),
            new RenewalPolicy.FixedWindows(2027, 3, MonthDay.of(10, 1), MonthDay.of(12, 31)), 0, 0, "USD",
            new RenewalPolicy.Reminders(List.of(60, 30, 7), List.of(14)), WA_ACTIVITY, 0, true, 0);
    /** The association's day the endorsee logs activity on: after every activity of these stories. */
    private static final LocalDate TODAY = LocalDate.of(2028, 6, 1);
    private static final LocalDate MA_THROUGH = LocalDate.of(2027, 12, 31);

    private final EndorsementActivated maActivated = new EndorsementActivated(MA_NUMBER, "ma", "app-1", "zoe",
            "Zoë Example", "IFS", Instant.parse("2026-11-22T10:00:00Z"), MA_THROUGH, LocalDate.of(2026, 11, 22));
    private final EndorsementActivated waActivated = new EndorsementActivated(WA_NUMBER, "wa", "app-2", "ana",
            "Ana Lima", "IMHS", Instant.parse("2026-11-22T10:00:00Z"), LocalDate.of(2027, 12, 31),
            LocalDate.of(2026, 11, 22));
    private final RenewalWindowOpened maWindowOpened = new RenewalWindowOpened(MA_NUMBER, "ma", "zoe",
            LocalDate.of(2027, 10, 1), MA_THROUGH, LocalDate.of(2028, 1, 30), MA.effectiveFrom());
    private final RenewalSubmitted maSubmitted = new RenewalSubmitted(MA_NUMBER, "ma", LocalDate.of(2027, 11, 2),
            false, 0, "USD");

    /** Everything Zoë (IFS) is asked for in 2027: 15 training hours, 12 RSC hours, the code of ethics, membership. */
    private final Object[] maYearMet = {maActivated,
            new TrainingRecorded(MA_NUMBER, "ma", "entry-1", "Observation", LocalDate.of(2027, 3, 1), BigDecimal.valueOf(9), null),
            new TrainingRecorded(MA_NUMBER, "ma", "entry-2", "Reflection", LocalDate.of(2027, 5, 1), BigDecimal.valueOf(6), null),
            new ReflectiveSupervisionRecorded(MA_NUMBER, "ma", "entry-3", "MA-000100", LocalDate.of(2027, 6, 1),
                    BigDecimal.valueOf(12)),
            new CodeOfEthicsSigned(MA_NUMBER, "ma", LocalDate.of(2027, 2, 1)),
            new MembershipRecorded(MA_NUMBER, "ma", "INV-9", LocalDate.of(2027, 12, 31), LocalDate.of(2027, 1, 5)),
            maWindowOpened};

    private AggregateTestFixture<Endorsement> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Endorsement.class);
    }

    @Test
    void aGrantWithTheApplicantsContactEmailSendsRemindersThereFromTheStart() {
        fixture.givenNoPriorActivity()
                .when(new ActivateEndorsement(MA_NUMBER, "app-1", "zoe", "Zoë Example", "IFS",
                        Instant.parse("2026-11-22T10:00:00Z"), MA_THROUGH, "zoe@example.org", LocalDate.of(2026, 11, 22)), IN_MA)
                .expectEvents(maActivated, new EmailAddressRecorded(MA_NUMBER, "ma", "zoe@example.org"));
        fixture.givenNoPriorActivity()
                .when(new ActivateEndorsement(MA_NUMBER, "app-1", "zoe", "Zoë Example", "IFS",
                        Instant.parse("2026-11-22T10:00:00Z"), MA_THROUGH, null, LocalDate.of(2026, 11, 22)), IN_MA)
                .expectEvents(maActivated);
    }

    @Test
    void anEndorsementHeldByAnEmailAddressIsClaimedOnceByTheAccountWhoseTokenVouchesForThatAddress() {
        Instant at = Instant.parse("2027-01-10T15:00:00Z");
        EndorsementActivated imported = new EndorsementActivated(MA_NUMBER, "ma", null, "email:ana@example.org",
                "Ana Lima", "IMHS", Instant.parse("2026-11-22T10:00:00Z"), MA_THROUGH, LocalDate.of(2015, 6, 1));
        EndorsementClaimed claimed = new EndorsementClaimed(MA_NUMBER, "ma", "email:ana@example.org", "ana-lima",
                "ana@example.org", at);
        MetaData ana = AuditMetadata.of("ma", "ana-lima", "APPLICANT");

        fixture.given(imported)
                .when(new ClaimEndorsement(MA_NUMBER, "ana-lima", " Ana@Example.org", at), ana)
                .expectEvents(claimed);
        fixture.given(imported, claimed)
                .when(new ClaimEndorsement(MA_NUMBER, "ana-lima", "ana@example.org", at), ana)
                .expectNoEvents();
        fixture.given(imported)
                .when(new ClaimEndorsement(MA_NUMBER, "ana-lima", null, at), ana)
                .expectException(breaks("email-not-verified"));
        fixture.given(imported)
                .when(new ClaimEndorsement(MA_NUMBER, "kim", "kim@example.org", at), ana)
                .expectException(breaks("not-your-endorsement"));
        fixture.given(imported, claimed)
                .when(new ClaimEndorsement(MA_NUMBER, "someone-else", "ana@example.org", at), ana)
                .expectException(breaks("not-your-endorsement"));
    }

    @Test
    void theRenewalWindowOpensOnItsFirstDayAndOnlyOnce() {
        fixture.given(maActivated)
                .when(new OpenRenewalWindow(MA_NUMBER, LocalDate.of(2027, 9, 30), MA), SCHEDULE_IN_MA)
                .expectNoEvents();
        fixture.given(maActivated)
                .when(new OpenRenewalWindow(MA_NUMBER, LocalDate.of(2027, 10, 1), MA), SCHEDULE_IN_MA)
                .expectEvents(maWindowOpened);
        fixture.given(maActivated, maWindowOpened)
                .when(new OpenRenewalWindow(MA_NUMBER, LocalDate.of(2027, 10, 2), MA), SCHEDULE_IN_MA)
                .expectNoEvents();
    }

    @Test
    void aFixedWindowOpensOnOctoberFirstOfTheCycleYear() {
        fixture.given(waActivated)
                .when(new OpenRenewalWindow(WA_NUMBER, LocalDate.of(2027, 10, 1), WA), IN_WA)
                .expectEvents(new RenewalWindowOpened(WA_NUMBER, "wa", "ana", LocalDate.of(2027, 10, 1),
                        LocalDate.of(2027, 12, 31), LocalDate.of(2027, 12, 31), WA.effectiveFrom()));
    }

    @Test
    void eachReminderIsDueOnceFromItsDayAndNotAfterTheEndorseeSubmitted() {
        fixture.given(maActivated, maWindowOpened)
                .when(new SendRenewalReminder(MA_NUMBER, ReminderAnchor.CLOSING, 30, LocalDate.of(2027, 11, 30), MA), SCHEDULE_IN_MA)
                .expectNoEvents();
        fixture.given(maActivated, maWindowOpened)
                .when(new SendRenewalReminder(MA_NUMBER, ReminderAnchor.CLOSING, 30, LocalDate.of(2027, 12, 1), MA), SCHEDULE_IN_MA)
                .expectEvents(new RenewalReminderDue(MA_NUMBER, "ma", "zoe", MA_THROUGH, 30, ReminderAnchor.CLOSING,
                LocalDate.of(2027, 10, 1)));
        fixture.given(maActivated, maWindowOpened, new RenewalReminderDue(MA_NUMBER, "ma", "zoe", MA_THROUGH, 30, ReminderAnchor.CLOSING,
                LocalDate.of(2027, 10, 1)))
                .when(new SendRenewalReminder(MA_NUMBER, ReminderAnchor.CLOSING, 30, LocalDate.of(2027, 12, 2), MA), SCHEDULE_IN_MA)
                .expectNoEvents();
        fixture.given(maActivated, maWindowOpened, maSubmitted)
                .when(new SendRenewalReminder(MA_NUMBER, ReminderAnchor.CLOSING, 7, LocalDate.of(2027, 12, 24), MA), SCHEDULE_IN_MA)
                .expectNoEvents();
    }

    @Test
    void anUnrenewedEndorsementLapsesTheDayAfterItsGracePeriodAndOnlyOnce() {
        fixture.given(maActivated, maWindowOpened)
                .when(new LapseEndorsement(MA_NUMBER, LocalDate.of(2028, 1, 30), MA), SCHEDULE_IN_MA)
                .expectNoEvents();
        fixture.given(maActivated, maWindowOpened)
                .when(new LapseEndorsement(MA_NUMBER, LocalDate.of(2028, 1, 31), MA), SCHEDULE_IN_MA)
                .expectEvents(new EndorsementLapsed(MA_NUMBER, "ma", LocalDate.of(2028, 1, 31)));
        fixture.given(maActivated, new EndorsementLapsed(MA_NUMBER, "ma", LocalDate.of(2028, 1, 31)))
                .when(new LapseEndorsement(MA_NUMBER, LocalDate.of(2028, 2, 1), MA), SCHEDULE_IN_MA)
                .expectNoEvents();
    }

    @Test
    void aRenewedEndorsementDoesNotLapseAtTheOldDate() {
        fixture.given(maActivated, maWindowOpened, maSubmitted,
                        new EndorsementRenewed(MA_NUMBER, "ma", LocalDate.of(2027, 11, 5), LocalDate.of(2028, 12, 31)))
                .when(new LapseEndorsement(MA_NUMBER, LocalDate.of(2028, 2, 1), MA), SCHEDULE_IN_MA)
                .expectNoEvents();
    }

    @Test
    void aRenewalIsSubmittedOnlyInsideTheWindowAndLateInTheGracePeriodWithTheLateFee() {
        fixture.given(maActivated)
                .when(new SubmitRenewal(MA_NUMBER, LocalDate.of(2027, 9, 30), MA), IN_MA)
                .expectException(breaks("renewal-window-closed"))
                .expectNoEvents();
        fixture.given(maYearMet)
                .when(new SubmitRenewal(MA_NUMBER, LocalDate.of(2027, 11, 2), MA), IN_MA)
                .expectEvents(maSubmitted);
        fixture.given(maYearMet)
                .when(new SubmitRenewal(MA_NUMBER, LocalDate.of(2028, 1, 10), MA), IN_MA)
                .expectEvents(new RenewalSubmitted(MA_NUMBER, "ma", LocalDate.of(2028, 1, 10), true, 2500, "USD"),
                        new LateRenewalFeeCharged(MA_NUMBER, "ma", "zoe", "INV-LATE-RENEWAL-MA-000001-2027", 2500,
                                "USD", LocalDate.of(2028, 1, 10)));
        fixture.given(maActivated, maWindowOpened, maSubmitted)
                .when(new SubmitRenewal(MA_NUMBER, LocalDate.of(2027, 11, 3), MA), IN_MA)
                .expectException(breaks("renewal-already-submitted"));
    }

    @Test
    void aLateRenewalIsChargedTheLateFeeOnceAndIsApprovedOnlyOnceItIsPaid() {
        RenewalSubmitted late = new RenewalSubmitted(MA_NUMBER, "ma", LocalDate.of(2028, 1, 10), true, 2500, "USD");
        String invoice = "INV-LATE-RENEWAL-MA-000001-2027";
        LateRenewalFeeCharged charged = new LateRenewalFeeCharged(MA_NUMBER, "ma", "zoe", invoice, 2500, "USD",
                LocalDate.of(2028, 1, 10));
        fixture.given(maYearMet)
                .when(new SubmitRenewal(MA_NUMBER, LocalDate.of(2028, 1, 10), MA), IN_MA)
                .expectEvents(late, charged);
        fixture.given(maYearMet).andGiven(late, charged)
                .when(new ApproveRenewal(MA_NUMBER, LocalDate.of(2028, 1, 11), MA), IN_MA)
                .expectException(breaks("late-fee-unpaid"))
                .expectNoEvents();
        fixture.given(maYearMet).andGiven(late, charged)
                .when(new RecordLateRenewalFeePaid(MA_NUMBER, "INV-REINSTATEMENT-MA-000001-1"), IN_MA)
                .expectNoEvents();
        LateRenewalFeePaid paid = new LateRenewalFeePaid(MA_NUMBER, "ma", invoice);
        fixture.given(maYearMet).andGiven(late, charged)
                .when(new RecordLateRenewalFeePaid(MA_NUMBER, invoice), IN_MA)
                .expectEvents(paid);
        fixture.given(maYearMet).andGiven(late, charged, paid)
                .when(new RecordLateRenewalFeePaid(MA_NUMBER, invoice), IN_MA)
                .expectNoEvents();
        fixture.given(maYearMet).andGiven(late, charged, paid)
                .when(new ApproveRenewal(MA_NUMBER, LocalDate.of(2028, 1, 12), MA), IN_MA)
                .expectEvents(new EndorsementRenewed(MA_NUMBER, "ma", LocalDate.of(2028, 1, 12),
                        LocalDate.of(2028, 12, 31)));
        // Returned and submitted again, the renewal is not charged a second time.
        fixture.given(maYearMet).andGiven(late, charged, new RenewalReturned(MA_NUMBER, "ma", "x"))
                .when(new SubmitRenewal(MA_NUMBER, LocalDate.of(2028, 1, 20), MA), IN_MA)
                .expectEvents(new RenewalSubmitted(MA_NUMBER, "ma", LocalDate.of(2028, 1, 20), true, 2500, "USD"));
    }

    @Test
    void noLateFeeIsChargedOnTimeOrWhereTheAssociationChargesNone() {
        RenewalPolicy noLateFee = new RenewalPolicy(MA.effectiveFrom(), MA.model(), MA.graceDays(), 0, "USD",
                MA.reminders(), ACTIVITY, MA.inactiveMaximumMonths(), false, 0);
        fixture.given(maYearMet)
                .when(new SubmitRenewal(MA_NUMBER, LocalDate.of(2028, 1, 10), noLateFee), IN_MA)
                .expectEvents(new RenewalSubmitted(MA_NUMBER, "ma", LocalDate.of(2028, 1, 10), true, 0, "USD"));
        fixture.given(maYearMet).andGiven(maSubmitted)
                .when(new ApproveRenewal(MA_NUMBER, LocalDate.of(2027, 11, 5), MA), IN_MA)
                .expectSuccessfulHandlerExecution();
    }

    @Test
    void aRenewalIsRefusedWhileAYearOfTheCycleMissesSomethingAndSaysWhat() {
        fixture.given(maActivated, maWindowOpened,
                        new TrainingRecorded(MA_NUMBER, "ma", "entry-4", "Observation", LocalDate.of(2027, 3, 1),
                                BigDecimal.valueOf(9), null))
                .when(new SubmitRenewal(MA_NUMBER, LocalDate.of(2027, 11, 2), MA), IN_MA)
                .expectException(breaks("renewal-requirements-unmet"))
                .expectExceptionMessage("1 year(s) of the cycle do not meet the association's requirements")
                .expectNoEvents();
    }

    @Test
    void whereTheAssociationAsksForDeiHoursARenewalWaitsForThemAndSaysHowManyAreMissing() {
        RenewalPolicy maWithDei = new RenewalPolicy(MA.effectiveFrom(), MA.model(), MA.graceDays(), MA.lateFeeCents(),
                MA.currency(), MA.reminders(), new RenewalPolicy.YearlyActivity(15, 3, 12,
                ACTIVITY.reflectiveSupervisionCategories(), true, true), MA.inactiveMaximumMonths(), false, 0);
        TrainingRecorded twoDeiHours = new TrainingRecorded(MA_NUMBER, "ma", "entry-5", "Equity in home visiting",
                LocalDate.of(2027, 4, 1), BigDecimal.valueOf(2), BigDecimal.valueOf(2));
        fixture.given(maYearMet).andGiven(twoDeiHours)
                .when(new SubmitRenewal(MA_NUMBER, LocalDate.of(2027, 11, 2), maWithDei), IN_MA)
                .expectException(breaks("renewal-requirements-unmet"))
                .expectException(new FeatureMatcher<Throwable, String>(Matchers.containsString(
                        "dei-hours, met=false, detail=2 of 3 DEI hours"), "details", "details") {
                    @Override
                    protected String featureValueOf(Throwable actual) {
                        return ((DomainRuleViolation) actual).details().toString();
                    }
                })
                .expectNoEvents();
        fixture.given(maYearMet).andGiven(twoDeiHours, new TrainingRecorded(MA_NUMBER, "ma", "entry-6", "Anti-bias practice",
                        LocalDate.of(2027, 9, 1), BigDecimal.valueOf(4), BigDecimal.ONE))
                .when(new SubmitRenewal(MA_NUMBER, LocalDate.of(2027, 11, 2), maWithDei), IN_MA)
                .expectEvents(maSubmitted);
        fixture.given(maYearMet)
                .when(new SubmitRenewal(MA_NUMBER, LocalDate.of(2027, 11, 2), MA), IN_MA)
                .expectEvents(maSubmitted);
    }

    @Test
    void reflectiveSupervisionCountsOnlyFromAProviderEndorsedOnTheSessionDateAndNotFromOneself() {
        fixture.given(maActivated)
                .when(new RecordReflectiveSupervision(MA_NUMBER, "session-1", "MA-000100", LocalDate.of(2027, 6, 1),
                        BigDecimal.valueOf(2), null, TODAY), IN_MA)
                .expectException(breaks("rsc-provider-not-endorsed"));
        fixture.given(maActivated)
                .when(new RecordReflectiveSupervision(MA_NUMBER, "session-1", "MA-000100", LocalDate.of(2027, 6, 1),
                        BigDecimal.valueOf(2), new ReflectiveSupervisionProvider("MA-000100", "zoe", "IMHS"), TODAY), IN_MA)
                .expectException(breaks("rsc-provider-is-endorsee"));
        fixture.given(maActivated)
                .when(new RecordReflectiveSupervision(MA_NUMBER, "session-1", "MA-000100", LocalDate.of(2027, 6, 1),
                        BigDecimal.valueOf(2), new ReflectiveSupervisionProvider("MA-000100", "kim", "IMHS"), TODAY), IN_MA)
                .expectEvents(new ReflectiveSupervisionRecorded(MA_NUMBER, "ma", "session-1", "MA-000100", LocalDate.of(2027, 6, 1),
                        BigDecimal.valueOf(2)));
    }

    @Test
    void activityIsLoggedOrCorrectedOnlyOnceItTookPlace() {
        LocalDate today = LocalDate.of(2027, 6, 1);
        fixture.given(maActivated)
                .when(new RecordTraining(MA_NUMBER, "entry-9", "Observation", today.plusDays(1), BigDecimal.ONE, null,
                        today), IN_MA)
                .expectException(breaks("activity-in-the-future"))
                .expectNoEvents();
        fixture.given(maYearMet)
                .when(new CorrectReflectiveSupervision(MA_NUMBER, "entry-3", "MA-000100", today.plusDays(1),
                        BigDecimal.ONE, new ReflectiveSupervisionProvider("MA-000100", "kim", "IMHS"), false, today),
                        IN_MA)
                .expectException(breaks("activity-in-the-future"))
                .expectNoEvents();
        fixture.given(maActivated)
                .when(new RecordTraining(MA_NUMBER, "entry-9", "Observation", today, BigDecimal.ONE, null, today),
                        IN_MA)
                .expectEvents(new TrainingRecorded(MA_NUMBER, "ma", "entry-9", "Observation", today, BigDecimal.ONE,
                        null));
    }

    @Test
    void aCorrectedTrainingCountsAsCorrectedAndARemovedOneNoLonger() {
        TrainingCorrected lessHours = new TrainingCorrected(MA_NUMBER, "ma", "entry-1", "Observation",
                LocalDate.of(2027, 3, 1), BigDecimal.valueOf(4), null);
        fixture.given(maYearMet)
                .when(new CorrectTraining(MA_NUMBER, "entry-1", "Observation", LocalDate.of(2027, 3, 1),
                        BigDecimal.valueOf(4), null, false, TODAY), IN_MA)
                .expectEvents(lessHours);
        fixture.given(maYearMet).andGiven(lessHours)
                .when(new SubmitRenewal(MA_NUMBER, LocalDate.of(2027, 11, 2), MA), IN_MA)
                .expectException(breaks("renewal-requirements-unmet"));
        fixture.given(maYearMet).andGiven(lessHours, new TrainingCorrected(MA_NUMBER, "ma", "entry-1", "Observation",
                        LocalDate.of(2027, 3, 1), BigDecimal.valueOf(9), null))
                .when(new SubmitRenewal(MA_NUMBER, LocalDate.of(2027, 11, 2), MA), IN_MA)
                .expectEvents(maSubmitted);
        fixture.given(maYearMet)
                .when(new RemoveTraining(MA_NUMBER, "entry-2", false), IN_MA)
                .expectEvents(new TrainingRemoved(MA_NUMBER, "ma", "entry-2"));
        fixture.given(maYearMet).andGiven(new TrainingRemoved(MA_NUMBER, "ma", "entry-2"))
                .when(new SubmitRenewal(MA_NUMBER, LocalDate.of(2027, 11, 2), MA), IN_MA)
                .expectException(breaks("renewal-requirements-unmet"));
        fixture.given(maYearMet).andGiven(new TrainingRemoved(MA_NUMBER, "ma", "entry-2"))
                .when(new RemoveTraining(MA_NUMBER, "entry-2", false), IN_MA)
                .expectException(UnknownResource.class);
    }

    @Test
    void anEntryTheEndorseeNamedMustBeThereButTheirOtherEndorsementsMayNotHoldIt() {
        fixture.given(maActivated)
                .when(new CorrectTraining(MA_NUMBER, "no-such-entry", "Observation", LocalDate.of(2027, 3, 1),
                        BigDecimal.ONE, null, false, TODAY), IN_MA)
                .expectException(UnknownResource.class)
                .expectNoEvents();
        fixture.given(maActivated)
                .when(new CorrectTraining(MA_NUMBER, "no-such-entry", "Observation", LocalDate.of(2027, 3, 1),
                        BigDecimal.ONE, null, true, TODAY), IN_MA)
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
        fixture.given(maActivated)
                .when(new RemoveReflectiveSupervision(MA_NUMBER, "no-such-entry", true), IN_MA)
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
        fixture.given(maYearMet)
                .when(new CorrectTraining(MA_NUMBER, "entry-1", "Observation", LocalDate.of(2027, 3, 1),
                        BigDecimal.ONE, null, false, TODAY), IN_WA)
                .expectException(UnknownResource.class)
                .expectNoEvents();
        fixture.given(maYearMet).andGiven(new EndorsementRevoked(MA_NUMBER, "ma", "x", LocalDate.of(2027, 8, 1)))
                .when(new RemoveTraining(MA_NUMBER, "entry-1", false), IN_MA)
                .expectException(breaks("endorsement-revoked"));
    }

    @Test
    void aCorrectedSessionCountsOnlyWithAProviderEndorsedOnTheCorrectedDateAndARemovedOneNoLonger() {
        ReflectiveSupervisionProvider kim = new ReflectiveSupervisionProvider("MA-000100", "kim", "IMHS");
        fixture.given(maYearMet)
                .when(new CorrectReflectiveSupervision(MA_NUMBER, "entry-3", "MA-000100", LocalDate.of(2025, 6, 1),
                        BigDecimal.valueOf(12), null, false, TODAY), IN_MA)
                .expectException(breaks("rsc-provider-not-endorsed"))
                .expectNoEvents();
        fixture.given(maYearMet)
                .when(new CorrectReflectiveSupervision(MA_NUMBER, "entry-3", "MA-000100", LocalDate.of(2027, 6, 1),
                        BigDecimal.valueOf(12), new ReflectiveSupervisionProvider("MA-000100", "zoe", "IMHS"), false, TODAY),
                        IN_MA)
                .expectException(breaks("rsc-provider-is-endorsee"));
        ReflectiveSupervisionCorrected fewerHours = new ReflectiveSupervisionCorrected(MA_NUMBER, "ma", "entry-3",
                "MA-000100", LocalDate.of(2027, 6, 2), BigDecimal.valueOf(10));
        fixture.given(maYearMet)
                .when(new CorrectReflectiveSupervision(MA_NUMBER, "entry-3", "MA-000100", LocalDate.of(2027, 6, 2),
                        BigDecimal.valueOf(10), kim, false, TODAY), IN_MA)
                .expectEvents(fewerHours);
        fixture.given(maYearMet).andGiven(fewerHours)
                .when(new SubmitRenewal(MA_NUMBER, LocalDate.of(2027, 11, 2), MA), IN_MA)
                .expectException(breaks("renewal-requirements-unmet"));
        fixture.given(maYearMet)
                .when(new RemoveReflectiveSupervision(MA_NUMBER, "entry-3", false), IN_MA)
                .expectEvents(new ReflectiveSupervisionRemoved(MA_NUMBER, "ma", "entry-3"));
    }

    @Test
    void anApprovedRenewalRunsToTheNextDueDateOrTheCloseOfTheNextWindow() {
        fixture.given(maActivated, maWindowOpened, maSubmitted)
                .when(new ApproveRenewal(MA_NUMBER, LocalDate.of(2027, 11, 5), MA), IN_MA)
                .expectEvents(new EndorsementRenewed(MA_NUMBER, "ma", LocalDate.of(2027, 11, 5),
                        LocalDate.of(2028, 12, 31)));
        setUp();
        fixture.given(waActivated, new RenewalSubmitted(WA_NUMBER, "wa", LocalDate.of(2027, 10, 5), false, 0, "USD"))
                .when(new ApproveRenewal(WA_NUMBER, LocalDate.of(2027, 10, 6), WA), IN_WA)
                .expectEvents(new EndorsementRenewed(WA_NUMBER, "wa", LocalDate.of(2027, 10, 6),
                        LocalDate.of(2030, 12, 31)));
    }

    @Test
    void aReturnedRenewalCanBeSubmittedAgainButNothingUnsubmittedIsReviewed() {
        fixture.given(maActivated, maWindowOpened, maSubmitted)
                .when(new ReturnRenewal(MA_NUMBER, "Add the RSC log"), IN_MA)
                .expectEvents(new RenewalReturned(MA_NUMBER, "ma", "Add the RSC log"));
        fixture.given(maYearMet).andGiven(maSubmitted, new RenewalReturned(MA_NUMBER, "ma", "x"))
                .when(new SubmitRenewal(MA_NUMBER, LocalDate.of(2027, 11, 9), MA), IN_MA)
                .expectEvents(new RenewalSubmitted(MA_NUMBER, "ma", LocalDate.of(2027, 11, 9), false, 0, "USD"));
        fixture.given(maActivated, maWindowOpened)
                .when(new ApproveRenewal(MA_NUMBER, LocalDate.of(2027, 11, 5), MA), IN_MA)
                .expectException(breaks("renewal-not-submitted"))
                .expectNoEvents();
    }

    @Test
    void aRevokedEndorsementCannotBeRevokedAgainNorRenewedNorLapse() {
        EndorsementRevoked revoked = new EndorsementRevoked(MA_NUMBER, "ma", "Code of ethics", LocalDate.of(2027, 3, 1));
        fixture.given(maActivated)
                .when(new RevokeEndorsement(MA_NUMBER, "Code of ethics", LocalDate.of(2027, 3, 1)), IN_MA)
                .expectEvents(revoked);
        fixture.given(maActivated, revoked)
                .when(new RevokeEndorsement(MA_NUMBER, "again", LocalDate.of(2027, 3, 2)), IN_MA)
                .expectException(breaks("endorsement-revoked"));
        fixture.given(maActivated, revoked)
                .when(new SubmitRenewal(MA_NUMBER, LocalDate.of(2027, 11, 2), MA), IN_MA)
                .expectException(breaks("renewal-needs-active-endorsement"));
        fixture.given(maActivated, revoked)
                .when(new LapseEndorsement(MA_NUMBER, LocalDate.of(2028, 3, 1), MA), SCHEDULE_IN_MA)
                .expectNoEvents();
    }

    @Test
    void anEndorsementGoesInactiveForAtMostTheAssociationsMaximumAndComesBackIntoTheCurrentCycle() {
        EndorsementInactivated inactivated = new EndorsementInactivated(MA_NUMBER, "ma", LocalDate.of(2027, 6, 1),
                LocalDate.of(2029, 6, 1));
        fixture.given(maActivated)
                .when(new InactivateEndorsement(MA_NUMBER, LocalDate.of(2027, 6, 1), MA), IN_MA)
                .expectEvents(inactivated);
        fixture.given(maActivated, inactivated)
                .when(new ReactivateEndorsement(MA_NUMBER, LocalDate.of(2028, 3, 1), MA), IN_MA)
                .expectEvents(new EndorsementReactivated(MA_NUMBER, "ma", LocalDate.of(2028, 3, 1),
                        LocalDate.of(2028, 12, 31)));
        fixture.given(maActivated, inactivated)
                .when(new LapseEndorsement(MA_NUMBER, LocalDate.of(2029, 6, 1), MA), SCHEDULE_IN_MA)
                .expectNoEvents();
        fixture.given(maActivated, inactivated)
                .when(new LapseEndorsement(MA_NUMBER, LocalDate.of(2029, 6, 2), MA), SCHEDULE_IN_MA)
                .expectEvents(new EndorsementLapsed(MA_NUMBER, "ma", LocalDate.of(2029, 6, 2)));
        setUp();
        fixture.given(waActivated)
                .when(new InactivateEndorsement(WA_NUMBER, LocalDate.of(2027, 6, 1), WA), IN_WA)
                .expectException(breaks("inactive-not-offered"));
        setUp();
        fixture.given(maActivated)
                .when(new ReactivateEndorsement(MA_NUMBER, LocalDate.of(2027, 6, 1), MA), IN_MA)
                .expectException(breaks("endorsement-not-inactive"));
    }

    @Test
    void aLapsedEndorsementIsReinstatedUnderItsOwnNumberOnceTheFeeIsPaidAndTheYearsSinceAreMet() {
        setUp();
        EndorsementLapsed lapsed = new EndorsementLapsed(WA_NUMBER, "wa", LocalDate.of(2028, 1, 1));
        String invoice = "INV-REINSTATEMENT-WA-000001-1";
        ReinstatementRequested requested = new ReinstatementRequested(WA_NUMBER, "wa", "ana", invoice,
                LocalDate.of(2028, 6, 1), true);
        fixture.given(waActivated)
                .when(new RequestReinstatement(WA_NUMBER, LocalDate.of(2027, 6, 1), WA), IN_WA)
                .expectException(breaks("reinstatement-needs-lapsed-endorsement"));
        fixture.given(waActivated, lapsed)
                .when(new RequestReinstatement(WA_NUMBER, LocalDate.of(2028, 6, 1), WA), IN_WA)
                .expectEvents(requested);
        fixture.given(waActivated, lapsed, requested)
                .when(new ApproveReinstatement(WA_NUMBER, LocalDate.of(2028, 6, 2), WA), IN_WA)
                .expectException(breaks("reinstatement-fee-unpaid"));
        fixture.given(waActivated, lapsed, requested)
                .when(new RecordReinstatementFeePaid(WA_NUMBER, "INV-something-else"), IN_WA)
                .expectNoEvents();
        fixture.given(waActivated, lapsed, requested)
                .when(new RecordReinstatementFeePaid(WA_NUMBER, invoice), IN_WA)
                .expectEvents(new ReinstatementFeePaid(WA_NUMBER, "wa", invoice));
        ReinstatementFeePaid paid = new ReinstatementFeePaid(WA_NUMBER, "wa", invoice);
        fixture.given(waActivated, lapsed, requested, paid)
                .when(new ApproveReinstatement(WA_NUMBER, LocalDate.of(2028, 6, 2), WA), IN_WA)
                .expectException(breaks("reinstatement-requirements-unmet"));
        fixture.given(waActivated, lapsed, requested, paid,
                        new TrainingRecorded(WA_NUMBER, "wa", "entry-8", "Observation", LocalDate.of(2028, 3, 1), BigDecimal.valueOf(15), null),
                        new ReflectiveSupervisionRecorded(WA_NUMBER, "wa", "entry-9", "WA-000100", LocalDate.of(2028, 4, 1),
                                BigDecimal.valueOf(12)),
                        new CodeOfEthicsSigned(WA_NUMBER, "wa", LocalDate.of(2028, 2, 1)),
                        new MembershipRecorded(WA_NUMBER, "wa", "INV-9", LocalDate.of(2028, 12, 31), LocalDate.of(2028, 1, 5)))
                .when(new ApproveReinstatement(WA_NUMBER, LocalDate.of(2028, 6, 2), WA), IN_WA)
                .expectEvents(new EndorsementReactivated(WA_NUMBER, "wa", LocalDate.of(2028, 6, 2),
                        LocalDate.of(2030, 12, 31)));
    }

    @Test
    void whereNoReinstatementFeeIsChargedTheRequestWaitsForNoPaymentAndASecondRequestIsRefused() {
        EndorsementLapsed lapsed = new EndorsementLapsed(MA_NUMBER, "ma", LocalDate.of(2028, 1, 31));
        ReinstatementRequested requested = new ReinstatementRequested(MA_NUMBER, "ma", "zoe",
                "INV-REINSTATEMENT-MA-000001-1", LocalDate.of(2028, 2, 1), false);
        fixture.given(maActivated, lapsed)
                .when(new RequestReinstatement(MA_NUMBER, LocalDate.of(2028, 2, 1), MA), IN_MA)
                .expectEvents(requested);
        fixture.given(maActivated, lapsed, requested)
                .when(new RequestReinstatement(MA_NUMBER, LocalDate.of(2028, 2, 2), MA), IN_MA)
                .expectException(breaks("reinstatement-already-requested"));
        fixture.given(maActivated, lapsed, requested)
                .when(new ApproveReinstatement(MA_NUMBER, LocalDate.of(2028, 2, 2), MA), IN_MA)
                .expectException(breaks("reinstatement-requirements-unmet"));
    }

    @Test
    void aTransferIsAcceptedOnlyByTheReceivingAssociationWhichOwnsTheEndorsementFromThenOn() {
        TransferRequested requested = new TransferRequested(MA_NUMBER, "ma", "wa", LocalDate.of(2027, 3, 1));
        MetaData inTx = AuditMetadata.of("tx", "coordinator-tx", "COORDINATOR");
        fixture.given(maActivated)
                .when(new RequestTransfer(MA_NUMBER, "wa", LocalDate.of(2027, 3, 1)), IN_MA)
                .expectEvents(requested);
        fixture.given(maActivated)
                .when(new RequestTransfer(MA_NUMBER, "ma", LocalDate.of(2027, 3, 1)), IN_MA)
                .expectException(breaks("transfer-to-same-association"));
        fixture.given(maActivated)
                .when(new AcceptTransfer(MA_NUMBER, LocalDate.of(2027, 3, 2), WA), IN_WA)
                .expectException(UnknownResource.class);
        fixture.given(maActivated, requested)
                .when(new AcceptTransfer(MA_NUMBER, LocalDate.of(2027, 3, 2), WA), inTx)
                .expectException(UnknownResource.class);
        fixture.given(maActivated, requested)
                .when(new AcceptTransfer(MA_NUMBER, LocalDate.of(2027, 3, 2), WA), IN_MA)
                .expectException(breaks("transfer-accepted-by-receiving-association"));
        fixture.given(maActivated, requested)
                .when(new RevokeEndorsement(MA_NUMBER, "not ours yet", LocalDate.of(2027, 3, 2)), IN_WA)
                .expectException(UnknownResource.class);
        EndorsementTransferred transferred = new EndorsementTransferred(MA_NUMBER, "ma", "wa",
                LocalDate.of(2027, 3, 2), MA_THROUGH);
        fixture.given(maActivated, requested)
                .when(new AcceptTransfer(MA_NUMBER, LocalDate.of(2027, 3, 2), WA), IN_WA)
                .expectEvents(transferred);
        fixture.given(maActivated, requested, transferred)
                .when(new RevokeEndorsement(MA_NUMBER, "no longer ours", LocalDate.of(2027, 3, 3)), IN_MA)
                .expectException(UnknownResource.class);
        fixture.given(maActivated, requested, transferred)
                .when(new ApproveRenewal(MA_NUMBER, LocalDate.of(2027, 11, 5), WA), IN_WA)
                .expectException(breaks("renewal-not-submitted"));
    }

    @Test
    void anotherAssociationCannotTouchTheEndorsement() {
        fixture.given(maActivated)
                .when(new RevokeEndorsement(MA_NUMBER, "not ours", LocalDate.of(2027, 3, 1)), IN_WA)
                .expectException(UnknownResource.class)
                .expectNoEvents();
    }

    @Test
    void washingtonRemindsBeforeTheRenewalPeriodOpensAndNotOnceItIsOpen() {
        RenewalReminderDue sixtyDaysBefore = new RenewalReminderDue(WA_NUMBER, "wa", "ana", LocalDate.of(2027, 12, 31),
                60, ReminderAnchor.OPENING, LocalDate.of(2027, 10, 1));
        fixture.given(waActivated)
                .when(new SendRenewalReminder(WA_NUMBER, ReminderAnchor.OPENING, 60, LocalDate.of(2027, 8, 1), WA),
                        IN_WA)
                .expectNoEvents();
        fixture.given(waActivated)
                .when(new SendRenewalReminder(WA_NUMBER, ReminderAnchor.OPENING, 60, LocalDate.of(2027, 8, 2), WA),
                        IN_WA)
                .expectEvents(sixtyDaysBefore);
        fixture.given(waActivated, sixtyDaysBefore)
                .when(new SendRenewalReminder(WA_NUMBER, ReminderAnchor.OPENING, 60, LocalDate.of(2027, 8, 3), WA),
                        IN_WA)
                .expectNoEvents();
        // Caught up only once the window is open: the mail that says it opened has gone, not a reminder that it will.
        fixture.given(waActivated)
                .when(new SendRenewalReminder(WA_NUMBER, ReminderAnchor.OPENING, 7, LocalDate.of(2027, 10, 1), WA),
                        IN_WA)
                .expectNoEvents();
        // A reminder before the opening and one as many days before the close are two reminders.
        fixture.given(waActivated, new RenewalReminderDue(WA_NUMBER, "wa", "ana", LocalDate.of(2027, 12, 31), 14,
                        ReminderAnchor.OPENING, LocalDate.of(2027, 10, 1)))
                .when(new SendRenewalReminder(WA_NUMBER, ReminderAnchor.CLOSING, 14, LocalDate.of(2027, 12, 17), WA),
                        IN_WA)
                .expectEvents(new RenewalReminderDue(WA_NUMBER, "wa", "ana", LocalDate.of(2027, 12, 31), 14,
                        ReminderAnchor.CLOSING, LocalDate.of(2027, 10, 1)));
    }

    @Test
    void whatAYearAsksIsTheAssociationsPolicyWashingtonAsksNoCodeOfEthics() {
        Object[] waYearMet = {waActivated,
                new TrainingRecorded(WA_NUMBER, "wa", "entry-1", "Observation", LocalDate.of(2027, 3, 1),
                        BigDecimal.valueOf(15), null),
                new ReflectiveSupervisionRecorded(WA_NUMBER, "wa", "entry-2", "WA-000100", LocalDate.of(2027, 6, 1),
                        BigDecimal.valueOf(12)),
                new MembershipRecorded(WA_NUMBER, "wa", "INV-9", LocalDate.of(2027, 12, 31), LocalDate.of(2027, 1, 5))};
        fixture.given(waYearMet)
                .when(new SubmitRenewal(WA_NUMBER, LocalDate.of(2027, 10, 2), WA), IN_WA)
                .expectEvents(new RenewalSubmitted(WA_NUMBER, "wa", LocalDate.of(2027, 10, 2), false, 0, "USD"));
        // Massachusetts asks for the code of ethics every year: the same activity there misses it.
        RenewalPolicy maPolicyInWashington = new RenewalPolicy(WA.effectiveFrom(), WA.model(), 0, 0, "USD",
                WA.reminders(), ACTIVITY, 0, true, 0);
        fixture.given(waYearMet)
                .when(new SubmitRenewal(WA_NUMBER, LocalDate.of(2027, 10, 2), maPolicyInWashington), IN_WA)
                .expectException(breaks("renewal-requirements-unmet"));
    }

    @Test
    void aLaterMembershipDoesNotCoverAnEarlierYearButOneBoughtLateCoversTheYearAndTheNext() {
        Object[] withoutMembership = java.util.Arrays.copyOf(maYearMet, maYearMet.length);
        withoutMembership[5] = new MembershipRecorded(MA_NUMBER, "ma", "INV-2030", LocalDate.of(2030, 12, 31),
                LocalDate.of(2030, 1, 2));
        fixture.given(withoutMembership)
                .when(new SubmitRenewal(MA_NUMBER, LocalDate.of(2027, 11, 2), MA), IN_MA)
                .expectException(breaks("renewal-requirements-unmet"));
        // Bought on September 15 of 2027 under the calendar-year rule: through December 31 of 2028.
        Object[] boughtLate = java.util.Arrays.copyOf(maYearMet, maYearMet.length);
        boughtLate[5] = new MembershipRecorded(MA_NUMBER, "ma", "INV-LATE", LocalDate.of(2028, 12, 31),
                LocalDate.of(2027, 9, 15));
        fixture.given(boughtLate)
                .when(new SubmitRenewal(MA_NUMBER, LocalDate.of(2027, 11, 2), MA), IN_MA)
                .expectEvents(maSubmitted);
    }

    @Test
    void aTransferFromMassachusettsToWashingtonRunsToWashingtonsNextWindowClose() {
        // Renewed in Massachusetts through 2028-12-31, moved to Washington in March 2028: 2028 is not a Washington
        // year, so it runs to the close of the 2030 window and renews there.
        EndorsementRenewed renewed = new EndorsementRenewed(MA_NUMBER, "ma", LocalDate.of(2027, 12, 1),
                LocalDate.of(2028, 12, 31));
        TransferRequested requested = new TransferRequested(MA_NUMBER, "ma", "wa", LocalDate.of(2028, 3, 1));
        fixture.given(maActivated, renewed, requested)
                .when(new AcceptTransfer(MA_NUMBER, LocalDate.of(2028, 3, 2), WA), IN_WA)
                .expectEvents(new EndorsementTransferred(MA_NUMBER, "ma", "wa", LocalDate.of(2028, 3, 2),
                        LocalDate.of(2030, 12, 31)));
        fixture.given(maActivated, renewed, requested,
                        new EndorsementTransferred(MA_NUMBER, "ma", "wa", LocalDate.of(2028, 3, 2),
                                LocalDate.of(2030, 12, 31)))
                .when(new OpenRenewalWindow(MA_NUMBER, LocalDate.of(2028, 10, 1), WA), IN_WA)
                .expectNoEvents();
    }

    @Test
    void aTransferFromWashingtonToMassachusettsRunsToMassachusettsNextDueDateAndSkipsNoYear() {
        // Renewed in Washington through 2030-12-31, moved to Massachusetts in May 2028: Massachusetts renews yearly,
        // so it is due on 2028-12-31 and 2028 is asked for there.
        EndorsementRenewed renewed = new EndorsementRenewed(WA_NUMBER, "wa", LocalDate.of(2027, 12, 1),
                LocalDate.of(2030, 12, 31));
        TransferRequested requested = new TransferRequested(WA_NUMBER, "wa", "ma", LocalDate.of(2028, 5, 1));
        EndorsementTransferred transferred = new EndorsementTransferred(WA_NUMBER, "wa", "ma",
                LocalDate.of(2028, 5, 2), LocalDate.of(2028, 12, 31));
        fixture.given(waActivated, renewed, requested)
                .when(new AcceptTransfer(WA_NUMBER, LocalDate.of(2028, 5, 2), MA), IN_MA)
                .expectEvents(transferred);
        fixture.given(waActivated, renewed, requested, transferred)
                .when(new OpenRenewalWindow(WA_NUMBER, LocalDate.of(2028, 10, 1), MA), IN_MA)
                .expectEvents(new RenewalWindowOpened(WA_NUMBER, "ma", "ana", LocalDate.of(2028, 10, 1),
                        LocalDate.of(2028, 12, 31), LocalDate.of(2029, 1, 30), LocalDate.of(2020, 1, 1)));
    }
}
