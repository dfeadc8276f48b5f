package org.iecmh.endorsement.contracts.association;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import org.iecmh.endorsement.contracts.Category;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.LocalDate;
import java.time.MonthDay;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** The seed reproduces the policy the four services kept in their configuration before the association record. */
class AssociationSeedTest {

    private static final LocalDate TODAY = LocalDate.of(2026, 11, 22);

    private final List<Association> seed = AssociationSeed.load();
    private final Association ma = seed.get(0);
    private final Association wa = seed.get(1);

    @Test
    void theSeedHoldsMassachusettsAndWashingtonAndBreaksNoRule() {
        assertThat(seed).extracting(Association::code).containsExactly("ma", "wa");
        assertThat(seed).allSatisfy(association -> assertThat(association.violations()).isEmpty());
        assertThat(ma.name()).isEqualTo("Massachusetts Association for Infant Mental Health");
        assertThat(wa.name()).isEqualTo("Center for Early Relational Health");
        assertThat(ma.state()).isEqualTo("MA");
        assertThat(wa.state()).isEqualTo("WA");
        assertThat(ma.languages()).containsExactly("en", "es");
        assertThat(wa.badgeIssuer()).isEqualTo(new Association.BadgeIssuer("Center for Early Relational Health",
                "iecmh.badges.issuers.wa.signing-key"));
    }

    @Test
    void eachAssociationCountsDaysInItsOwnTimeZone() {
        assertThat(ma.zone()).isEqualTo(ZoneId.of("America/New_York"));
        assertThat(wa.zone()).isEqualTo(ZoneId.of("America/Los_Angeles"));
        assertThat(wa.day(java.time.Instant.parse("2027-01-01T05:00:00Z"))).isEqualTo(LocalDate.of(2026, 12, 31));
    }

    @Test
    void theFeesAreTheSeedsInWholeCents() {
        FeeSchedule massachusetts = ma.feesOn(TODAY);
        assertThat(massachusetts.registration()).isEqualTo(Map.of(1, 1500L, 2, 2000L, 3, 2500L, 4, 2500L));
        assertThat(massachusetts.processing()).isEqualTo(Map.of(1, 2500L, 2, 10000L, 3, 30000L, 4, 40000L));
        assertThat(massachusetts.renewal()).isNull();
        assertThat(massachusetts.dueDays()).isEqualTo(30);
        assertThat(massachusetts.nonRefundable()).isEqualTo(Map.of("wrong-category", Set.of("processing")));
        FeeSchedule washington = wa.feesOn(TODAY);
        assertThat(washington.registration()).isEqualTo(Map.of(1, 2500L, 2, 2500L, 3, 2500L, 4, 2500L));
        assertThat(List.of(washington.membershipDues(), washington.renewal(), washington.reinstatement()))
                .containsExactly(8000L, 5000L, 10000L);
        assertThat(washington.effectiveFrom()).isEqualTo(LocalDate.of(2024, 1, 1));
    }

    @Test
    void theRenewalVersionsReadIntoTheOneRenewalPolicy() {
        RenewalPolicy massachusetts = ma.renewalPolicy(TODAY);
        assertThat(massachusetts.model()).isEqualTo(new RenewalPolicy.Yearly(MonthDay.of(12, 31), MonthDay.of(10, 1)));
        assertThat(massachusetts.graceDays()).isEqualTo(30);
        assertThat(massachusetts.reminders().beforeClosing()).containsExactly(30, 7);
        assertThat(massachusetts.activity().codeOfEthics()).isTrue();
        assertThat(massachusetts.reinstatementFee()).isFalse();
        assertThat(massachusetts.inactiveMaximumMonths()).isEqualTo(24);
        // The seeds say nothing of a renewal audit: none is sampled until an association sets its share.
        assertThat(massachusetts.auditPercent()).isZero();
        assertThat(massachusetts.validThrough(LocalDate.of(2026, 11, 22))).isEqualTo(LocalDate.of(2027, 12, 31));

        RenewalPolicy washington = wa.renewalPolicy(TODAY);
        assertThat(washington.model()).isEqualTo(new RenewalPolicy.FixedWindows(2027, 3, MonthDay.of(10, 1),
                MonthDay.of(12, 31)));
        assertThat(washington.reminders().beforeOpening()).containsExactly(60, 30, 7);
        assertThat(washington.activity().reflectiveSupervisionHoursFor("IMHS")).isEqualTo(12);
        assertThat(washington.activity().reflectiveSupervisionHoursFor("IFA")).isZero();
        assertThat(washington.activity().codeOfEthics()).isFalse();
        assertThat(washington.reinstatementFee()).isTrue();
        assertThat(washington.validThrough(LocalDate.of(2027, 10, 1))).isEqualTo(LocalDate.of(2030, 12, 31));
        assertThat(washington.windowFor(LocalDate.of(2030, 12, 31))).isEqualTo(new RenewalWindow(
                LocalDate.of(2030, 10, 1), LocalDate.of(2030, 12, 31), LocalDate.of(2030, 12, 31)));
    }

    @Test
    void requirementsFollowTheVersionInForceOnTheDay() {
        assertThat(ma.requirementsOn(Category.IMHM_C, LocalDate.of(2023, 12, 31)).trainingHours())
                .isEqualByComparingTo(new BigDecimal(33));
        assertThat(ma.requirementsOn(Category.IMHM_C, LocalDate.of(2024, 1, 1)).trainingHours())
                .isEqualByComparingTo(new BigDecimal(48));
        RequirementRule specialist = wa.requirementsOn(Category.IMHS, TODAY);
        assertThat(specialist.degree()).isEqualTo("master");
        assertThat(specialist.referenceRelationships()).containsExactly("current-supervisor", "rsc-provider");
        assertThat(specialist.supervisionHours()).isEqualByComparingTo(new BigDecimal(50));
        assertThat(ma.requirementsOn(Category.ECMHM_R, TODAY).trainingDomains()).hasSize(10);
    }

    @Test
    void examMembershipAndReferencesAreTheServicesSettings() {
        assertThat(ma.examOn(TODAY).passMark()).isEqualTo(80);
        assertThat(ma.examOn(TODAY).ownReviewersMayScore()).isFalse();
        assertThat(wa.examOn(TODAY).retakeMonths()).isEqualTo(12);
        assertThat(wa.membershipOn(TODAY).membershipRequiredToApply()).isTrue();
        assertThat(ma.membershipOn(TODAY).membershipRequiredToApply()).isFalse();
        assertThat(wa.membershipOn(TODAY).runsThrough(LocalDate.of(2026, 9, 2))).isEqualTo(LocalDate.of(2027, 12, 31));
        assertThat(ma.references().lifetime()).isEqualTo(Duration.ofDays(30));
        assertThat(ma.references().currentForm().items()).hasSize(9);
        assertThat(wa.references()).isEqualTo(ma.references());
        assertThat(ma.offers(Category.ECMHM_R)).isTrue();
    }

    @Test
    void theRecordTravelsAsCamelCaseJsonAndComesBackEqual() throws Exception {
        ObjectMapper json = new ObjectMapper().registerModule(new JavaTimeModule())
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
        String text = json.writeValueAsString(new AssociationChanged("wa", 1, java.time.Instant.EPOCH, "system", wa));

        assertThat(text).contains("\"timeZone\":\"America/Los_Angeles\"", "\"effectiveFrom\":\"2024-01-01\"",
                "\"reminderDaysBeforeOpening\"").doesNotContain("time-zone");
        assertThat(json.readValue(text, AssociationChanged.class).association()).isEqualTo(wa);
    }
}
