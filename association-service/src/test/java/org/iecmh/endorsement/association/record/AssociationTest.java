package org.iecmh.endorsement.association.record;

import org.axonframework.messaging.MetaData;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.iecmh.endorsement.contracts.association.AssociationSeed;
import org.iecmh.endorsement.contracts.association.ExamVersion;
import org.iecmh.endorsement.contracts.association.InvalidAssociation;
import org.iecmh.endorsement.kit.audit.AuditMetadata;
import org.iecmh.endorsement.kit.web.UnknownResource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The Association aggregate's rules, told as given / when / then. */
class AssociationTest {

    /** 2026-11-22 in Boston, already 2026-11-23 in UTC. */
    private static final Instant EVENING = Instant.parse("2026-11-23T02:00:00Z");
    private static final MetaData MA_ADMIN = AuditMetadata.of("ma", "admin-ma", "TENANT_ADMIN");

    private final org.iecmh.endorsement.contracts.association.Association ma = AssociationSeed.load().get(0);
    private AggregateTestFixture<Association> fixture;

    @BeforeEach
    void fixture() {
        fixture = new AggregateTestFixture<>(Association.class);
    }

    @Test
    void aVersionFromTheAssociationsTodayIsAddedThoughUtcIsAlreadyTomorrow() {
        ExamVersion stricter = new ExamVersion(LocalDate.of(2026, 11, 22), 85, 12, false);
        List<ExamVersion> exam = new ArrayList<>(ma.exam());
        exam.add(stricter);

        fixture.given(new AssociationCreated("ma", ma))
                .when(new AddPolicyVersion("ma", PolicyPart.EXAM, stricter, EVENING), MA_ADMIN)
                .expectEvents(new PolicyVersionAdded("ma", PolicyPart.EXAM, LocalDate.of(2026, 11, 22),
                        ma.withExam(exam)));
    }

    @Test
    void aVersionFromAnEarlierDayIsRefusedAndNothingIsStored() {
        fixture.given(new AssociationCreated("ma", ma))
                .when(new AddPolicyVersion("ma", PolicyPart.EXAM,
                        new ExamVersion(LocalDate.of(2026, 11, 21), 85, 12, false), EVENING), MA_ADMIN)
                .expectNoEvents()
                .expectException(InvalidAssociation.class)
                .expectExceptionMessage("exam.effectiveFrom: A new version takes effect today (2026-11-22, the "
                        + "association's day) or later, not on 2026-11-21");
    }

    @Test
    void aRecordThatBreaksARuleIsNotCreated() {
        fixture.givenNoPriorActivity()
                .when(new CreateAssociation("ma", ma.withFees(List.of())), MA_ADMIN)
                .expectNoEvents()
                .expectException(InvalidAssociation.class)
                .expectExceptionMessage("fees: fees is required");
    }

    @Test
    void anotherAssociationsAdminFindsNoSuchAssociation() {
        fixture.given(new AssociationCreated("ma", ma))
                .when(new ChangeProfile("ma", Profile.of(ma)), AuditMetadata.of("wa", "admin-wa", "TENANT_ADMIN"))
                .expectNoEvents()
                .expectException(UnknownResource.class);
    }

    @Test
    void aProfileChangeKeepsThePolicyAndIsCheckedAsAWhole() {
        Profile renamed = new Profile("MA-AIMH", "MA", "America/New_York", List.of("en", "es"), null, null,
                "endorsement@example.org", List.of("invoice-paid"), List.of("IFA", "IFS"), ma.badgeIssuer(), "P14D",
                12, 6);

        fixture.given(new AssociationCreated("ma", ma))
                .when(new ChangeProfile("ma", renamed), MA_ADMIN)
                .expectEventsMatching(org.axonframework.test.matchers.Matchers.payloadsMatching(
                        org.axonframework.test.matchers.Matchers.exactSequenceOf(
                                org.axonframework.test.matchers.Matchers.predicate(event -> {
                                    var record = ((ProfileChanged) event).record();
                                    return record.name().equals("MA-AIMH") && record.fees().equals(ma.fees())
                                            && record.noticesOff().equals(List.of("invoice-paid"))
                                            && record.references().lifetime().toDays() == 14
                                            && record.references().forms().equals(ma.references().forms());
                                }))));
        assertThat(Profile.of(renamed.appliedTo(ma))).isEqualTo(renamed);
    }
}
