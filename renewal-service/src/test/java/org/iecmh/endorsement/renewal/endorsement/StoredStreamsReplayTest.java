package org.iecmh.endorsement.renewal.endorsement;

import org.axonframework.messaging.MetaData;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.iecmh.endorsement.contracts.association.RenewalPolicy;
import org.iecmh.endorsement.kit.audit.AuditMetadata;
import org.iecmh.endorsement.kit.web.UnknownResource;
import org.iecmh.endorsement.renewal.StoredStreams;
import org.iecmh.endorsement.renewal.activity.CorrectTraining;
import org.iecmh.endorsement.renewal.activity.RecordReflectiveSupervision;
import org.iecmh.endorsement.renewal.activity.RecordTraining;
import org.iecmh.endorsement.renewal.activity.ReflectiveSupervisionProvider;
import org.iecmh.endorsement.renewal.activity.TrainingCorrected;
import org.iecmh.endorsement.renewal.claim.ClaimEndorsement;
import org.iecmh.endorsement.renewal.reinstatement.ApproveReinstatement;
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
import org.iecmh.endorsement.renewal.submission.RecordLateRenewalFeePaid;
import org.iecmh.endorsement.renewal.submission.SubmitRenewal;
import org.iecmh.endorsement.renewal.transfer.RequestTransfer;
import org.iecmh.endorsement.renewal.lifecycle.EndorsementReactivated;
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

import static org.assertj.core.api.Assertions.assertThat;
import static org.iecmh.endorsement.renewal.endorsement.BrokenRule.breaks;

/**
 * Streams stored before the endorsement's features became parts of it ({@code stored-streams/}: rows as the event
 * store keeps them, type, revision, payload and metadata JSON), replayed into a fresh aggregate: the commands that
 * come next are decided as they were then.
 */
class StoredStreamsReplayTest {

    private static final RenewalPolicy.YearlyActivity ACTIVITY = new RenewalPolicy.YearlyActivity(15, 0, 12,
            Set.of("IFS", "ECFS", "IMHS", "ECMHS", "IMHM-C", "ECMHM-C"), true, true);
    /** The policies the streams were written under: Massachusetts yearly with a late fee, Washington's windows. */
    private static final RenewalPolicy MA = new RenewalPolicy(LocalDate.of(2020, 1, 1),
            new RenewalPolicy.Yearly(MonthDay.of(12, 31), MonthDay.of(10, 1)), 30, 2500, "USD",
            new RenewalPolicy.Reminders(List.of(), List.of(7, 60, 30)), ACTIVITY, 24, true, 0);
    private static final RenewalPolicy WA = new RenewalPolicy(LocalDate.of(2020, 1, 1),
            new RenewalPolicy.FixedWindows(2027, 3, MonthDay.of(10, 1), MonthDay.of(12, 31)), 0, 0, "USD",
            new RenewalPolicy.Reminders(List.of(60, 30, 7), List.of(14)), ACTIVITY, 24, true, 0);
    /** The association's day the endorsee logs activity on: after every activity of these stories. */
    private static final LocalDate TODAY = LocalDate.of(2028, 6, 1);
    private static final MetaData IN_MA = AuditMetadata.of("ma", "coordinator-ma", "COORDINATOR");
    private static final MetaData IN_WA = AuditMetadata.of("wa", "coordinator-wa", "COORDINATOR");

    private AggregateTestFixture<Endorsement> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Endorsement.class);
    }

    @Test
    void everyStoredEventIsReadBackAsItsOwnTypeInItsStream() {
        assertThat(StoredStreams.rows()).hasSize(48);
        assertThat(StoredStreams.stored("MA-000801")).hasSize(24);
        assertThat(StoredStreams.stored("MA-000802")).hasSize(14);
        assertThat(StoredStreams.stored("MA-000803")).hasSize(5);
        assertThat(StoredStreams.stored("MA-000804")).hasSize(5);
        assertThat(StoredStreams.stored("MA-000801").get(23).getPayload().getClass().getSimpleName()).isEqualTo("EndorsementRenewed");
    }

    @Test
    void aRenewedEndorsementStartsItsNextCycleAfresh() {
        String number = "MA-000801";
        fixture.given(StoredStreams.stored(number))
                .when(new OpenRenewalWindow(number, LocalDate.of(2028, 10, 1), MA), IN_MA)
                .expectEvents(new RenewalWindowOpened(number, "ma", "person-801", LocalDate.of(2028, 10, 1),
                        LocalDate.of(2028, 12, 31), LocalDate.of(2029, 1, 30), MA.effectiveFrom()));
        fixture.given(StoredStreams.stored(number))
                .when(new SendRenewalReminder(number, ReminderAnchor.CLOSING, 30, LocalDate.of(2028, 12, 1), MA),
                        IN_MA)
                .expectEvents(new RenewalReminderDue(number, "ma", "person-801", LocalDate.of(2028, 12, 31), 30,
                        ReminderAnchor.CLOSING, LocalDate.of(2028, 10, 1)));
        fixture.given(StoredStreams.stored(number))
                .when(new SubmitRenewal(number, LocalDate.of(2028, 10, 2), MA), IN_MA)
                .expectException(breaks("renewal-requirements-unmet"))
                .expectExceptionMessage("1 year(s) of the cycle do not meet the association's requirements");
        fixture.given(StoredStreams.stored(number))
                .when(new ApproveRenewal(number, LocalDate.of(2028, 10, 2), MA), IN_MA)
                .expectException(breaks("renewal-not-submitted"));
        fixture.given(StoredStreams.stored(number))
                .when(new RecordLateRenewalFeePaid(number, "INV-LATE-RENEWAL-MA-000801-2027"), IN_MA)
                .expectNoEvents();
    }

    @Test
    void theActivityLoggedBeforeIsTheActivityCorrectedNow() {
        String number = "MA-000801";
        fixture.given(StoredStreams.stored(number))
                .when(new CorrectTraining(number, "e-3", "Logged twice", LocalDate.of(2027, 5, 1),
                        BigDecimal.ONE, null, false, TODAY), IN_MA)
                .expectException(UnknownResource.class);
        fixture.given(StoredStreams.stored(number))
                .when(new CorrectTraining(number, "e-2", "Equity in home visiting", LocalDate.of(2027, 5, 1),
                        BigDecimal.TEN, BigDecimal.ONE, false, TODAY), IN_MA)
                .expectEvents(new TrainingCorrected(number, "ma", "e-2", "Equity in home visiting",
                        LocalDate.of(2027, 5, 1), BigDecimal.TEN, BigDecimal.ONE));
        fixture.given(StoredStreams.stored(number))
                .when(new RecordReflectiveSupervision(number, "s-9", "MA-000801", LocalDate.of(2028, 2, 1),
                        BigDecimal.ONE, new ReflectiveSupervisionProvider("MA-000801", "person-801", "IFS"), TODAY), IN_MA)
                .expectException(breaks("rsc-provider-is-endorsee"));
    }

    @Test
    void anEndorsementMovedToWashingtonAndOnHoldIsWashingtonsAndComesBackOrLapsesThere() {
        String number = "MA-000802";
        fixture.given(StoredStreams.stored(number))
                .when(new ReactivateEndorsement(number, LocalDate.of(2029, 3, 1), MA), IN_MA)
                .expectException(UnknownResource.class);
        fixture.given(StoredStreams.stored(number))
                .when(new ReactivateEndorsement(number, LocalDate.of(2029, 3, 1), WA), IN_WA)
                .expectEvents(new EndorsementReactivated(number, "wa", LocalDate.of(2029, 3, 1),
                        LocalDate.of(2030, 12, 31)));
        fixture.given(StoredStreams.stored(number))
                .when(new LapseEndorsement(number, LocalDate.of(2030, 7, 1), WA), IN_WA)
                .expectNoEvents();
        fixture.given(StoredStreams.stored(number))
                .when(new LapseEndorsement(number, LocalDate.of(2030, 7, 2), WA), IN_WA)
                .expectEvents(new EndorsementLapsed(number, "wa", LocalDate.of(2030, 7, 2)));
        fixture.given(StoredStreams.stored(number))
                .when(new RequestTransfer(number, "ma", LocalDate.of(2029, 3, 1)), IN_WA)
                .expectException(breaks("transfer-needs-active-endorsement"));
        fixture.given(StoredStreams.stored(number))
                .when(new RequestReinstatement(number, LocalDate.of(2029, 3, 1), WA), IN_WA)
                .expectException(breaks("reinstatement-needs-lapsed-endorsement"));
    }

    @Test
    void aClaimedImportedLapsedEndorsementIsReinstatedForItsNewHolder() {
        String number = "MA-000803";
        fixture.given(StoredStreams.stored(number))
                .when(new RequestReinstatement(number, LocalDate.of(2026, 11, 25), MA), IN_MA)
                .expectEvents(new ReinstatementRequested(number, "ma", "person-803",
                        "INV-REINSTATEMENT-MA-000803-1", LocalDate.of(2026, 11, 25), true));
        fixture.given(StoredStreams.stored(number))
                .when(new ClaimEndorsement(number, "person-803", "lee-803@example.org",
                        Instant.parse("2026-11-25T09:00:00Z")), IN_MA)
                .expectNoEvents();
        fixture.given(StoredStreams.stored(number))
                .when(new ClaimEndorsement(number, "person-9", "lee-803@example.org",
                        Instant.parse("2026-11-25T09:00:00Z")), IN_MA)
                .expectException(breaks(ClaimEndorsement.NOT_YOUR_ENDORSEMENT));
        fixture.given(StoredStreams.stored(number))
                .when(new ApproveReinstatement(number, LocalDate.of(2026, 11, 25), MA), IN_MA)
                .expectException(breaks("reinstatement-not-requested"));
    }

    @Test
    void aRevokedEndorsementStaysRevoked() {
        String number = "MA-000804";
        fixture.given(StoredStreams.stored(number))
                .when(new RecordTraining(number, "e-41", "Observation", LocalDate.of(2027, 3, 1), BigDecimal.ONE,
                        null, TODAY), IN_MA)
                .expectException(breaks("endorsement-revoked"));
        fixture.given(StoredStreams.stored(number))
                .when(new RevokeEndorsement(number, "again", LocalDate.of(2027, 3, 1)), IN_MA)
                .expectException(breaks("endorsement-revoked"));
        fixture.given(StoredStreams.stored(number))
                .when(new LapseEndorsement(number, LocalDate.of(2030, 1, 1), MA), IN_MA)
                .expectNoEvents();
    }
}
