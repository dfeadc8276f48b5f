package org.iecmh.endorsement.application.requirements;

import org.iecmh.endorsement.application.portfolio.PortfolioEntry;
import org.iecmh.endorsement.application.portfolio.PortfolioEntry.CompetencyDomain;
import org.iecmh.endorsement.application.portfolio.PortfolioEntry.Degree;
import org.iecmh.endorsement.application.portfolio.PortfolioEntry.Education;
import org.iecmh.endorsement.application.portfolio.PortfolioEntry.Population;
import org.iecmh.endorsement.application.portfolio.PortfolioEntry.ReflectiveSupervision;
import org.iecmh.endorsement.application.portfolio.PortfolioEntry.SupervisionFormat;
import org.iecmh.endorsement.application.portfolio.PortfolioEntry.Training;
import org.iecmh.endorsement.application.portfolio.PortfolioEntry.WorkActivity;
import org.iecmh.endorsement.application.portfolio.PortfolioEntry.WorkExperience;
import org.iecmh.endorsement.contracts.Category;
import org.iecmh.endorsement.kit.web.Phrase;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class RequirementCheckTest {

    private static final LocalDate TODAY = LocalDate.of(2026, 11, 22);
    private static final Set<CompetencyDomain> CORE = EnumSet.range(CompetencyDomain.THEORETICAL_FOUNDATIONS,
            CompetencyDomain.REFLECTION);

    /** Infant Family Specialist: bachelor's, 2 years paid work, 30 hours, 24 RSC hours within 24 months. */
    private final CategoryRequirements specialist = new CategoryRequirements(Degree.BACHELOR, null, 2, false, true,
            BigDecimal.valueOf(30), CORE, BigDecimal.valueOf(24), 24, 3, List.of(), false, false);
    private final CategoryRequirements associate = new CategoryRequirements(Degree.ASSOCIATE, 2, 0, false, false,
            BigDecimal.valueOf(30), Set.of(CompetencyDomain.REFLECTION), BigDecimal.ZERO, 24, 3, List.of(), false, false);

    private final List<PortfolioEntry> portfolio = new ArrayList<>(List.of(
            new Education(Degree.BACHELOR, "Psychology", "UMass", 2015),
            new WorkExperience("Home visitor", "Early Head Start", LocalDate.of(2020, 1, 1), null, 40, true,
                    Set.of(Population.INFANTS, Population.FAMILIES)),
            new Training("Foundations", "MassAIMH", LocalDate.of(2019, 5, 1), BigDecimal.valueOf(30), CORE),
            session("2025-06-01", 12, SupervisionFormat.INDIVIDUAL, "MA-000009"),
            session("2026-01-15", 12, SupervisionFormat.GROUP, "MA-000009")));
    private final Map<String, List<EndorsedPeriod>> providers = Map.of(
            "MA-000009", List.of(EndorsedPeriod.since(LocalDate.of(2020, 1, 1))),
            "MA-000050", List.of(EndorsedPeriod.since(LocalDate.of(2026, 1, 1))),
            "MA-000077", List.of(new EndorsedPeriod(LocalDate.of(2018, 1, 1), LocalDate.of(2025, 10, 1)),
                    EndorsedPeriod.since(LocalDate.of(2026, 4, 1))));

    @Test
    void aCompletePortfolioMeetsEveryRequirement() {
        List<RequirementResult> results = check(specialist, Category.IFS);

        assertThat(results).extracting(RequirementResult::requirement)
                .containsExactly("education", "work", "training", "reflective-supervision");
        assertThat(results).allMatch(RequirementResult::met);
    }

    @Test
    void theGapSaysHowManyHoursAreMissingAndWhichDomainHasNone() {
        portfolio.removeIf(Training.class::isInstance);
        portfolio.add(new Training("Observation", "WA-AIMH", LocalDate.of(2018, 3, 1), new BigDecimal("18.5"),
                EnumSet.complementOf(EnumSet.of(CompetencyDomain.REFLECTION, CompetencyDomain.ADMINISTRATION,
                        CompetencyDomain.RESEARCH_AND_EVALUATION))));

        RequirementResult training = result(check(specialist, Category.IFS), "training");

        assertThat(training.met()).isFalse();
        assertThat(training.detail()).isEqualTo("18.5 of 30 training hours; no hours in Reflection");
        // The same, as phrases a page words in its reader's language.
        assertThat(training.phrases()).extracting(Phrase::code)
                .containsExactly("training-hours", "training-domains-uncovered");
        assertThat(training.phrases().get(0).values()).containsEntry("hours", "18.5").containsEntry("needed", "30");
        assertThat(training.phrases().get(1).values()).containsEntry("domains", List.of("REFLECTION"));
    }

    @Test
    void workWithPregnantWomenAloneDoesNotMeetTheInfantAndToddlerRule() {
        portfolio.removeIf(WorkExperience.class::isInstance);
        portfolio.add(new WorkExperience("Doula", "Birth Center", LocalDate.of(2019, 1, 1), null, 40, true,
                Set.of(Population.PRENATAL, Population.FAMILIES)));

        RequirementResult work = result(check(specialist, Category.IFS), "work");

        assertThat(work.met()).isFalse();
        assertThat(work.detail()).contains("infants or toddlers").contains("pregnant women alone does not count");
    }

    @Test
    void partTimeAndUnpaidWorkCountForWhatTheyAre() {
        portfolio.removeIf(WorkExperience.class::isInstance);
        portfolio.add(new WorkExperience("Aide", "Child care", LocalDate.of(2024, 11, 22), null, 20, true,
                Set.of(Population.TODDLERS)));
        portfolio.add(new WorkExperience("Volunteer", "Family center", LocalDate.of(2020, 1, 1), null, 40, false,
                Set.of(Population.INFANTS)));

        RequirementResult work = result(check(specialist, Category.IFS), "work");

        assertThat(work.met()).isFalse();
        assertThat(work.detail()).startsWith("0.9 of 2 years of paid work");
    }

    @Test
    void peerSupervisionAndProvidersNotEndorsedOnTheSessionDateNeverCount() {
        portfolio.removeIf(ReflectiveSupervision.class::isInstance);
        portfolio.add(session("2026-02-01", 10, SupervisionFormat.INDIVIDUAL, "MA-000009"));
        portfolio.add(session("2026-03-01", 6, SupervisionFormat.PEER, "MA-000009"));
        portfolio.add(session("2025-12-01", 5, SupervisionFormat.INDIVIDUAL, "MA-000050"));
        portfolio.add(session("2026-04-01", 4, SupervisionFormat.GROUP, "XX-404"));
        portfolio.add(session("2023-01-01", 20, SupervisionFormat.INDIVIDUAL, "MA-000009"));

        RequirementResult supervision = result(check(specialist, Category.IFS), "reflective-supervision");

        assertThat(supervision.met()).isFalse();
        assertThat(supervision.detail()).isEqualTo("10 of 24 hours of reflective supervision in the last 24 months "
                + "from endorsed providers; 9 hours from providers not endorsed on the session date do not count; "
                + "6 hours of peer supervision never count; 20 hours fall outside the last 24 months");
    }

    @Test
    void sessionsWhileTheProvidersEndorsementHadLapsedDoNotCount() {
        portfolio.removeIf(ReflectiveSupervision.class::isInstance);
        portfolio.add(session("2025-09-30", 8, SupervisionFormat.INDIVIDUAL, "MA-000077"));
        portfolio.add(session("2025-12-01", 10, SupervisionFormat.INDIVIDUAL, "MA-000077"));
        portfolio.add(session("2026-05-01", 8, SupervisionFormat.INDIVIDUAL, "MA-000077"));

        RequirementResult supervision = result(check(specialist, Category.IFS), "reflective-supervision");

        assertThat(supervision.detail()).startsWith("16 of 24 hours").contains(
                "10 hours from providers not endorsed on the session date do not count");
    }

    @Test
    void mostSupervisionHoursMustComeFromOneProvider() {
        portfolio.removeIf(ReflectiveSupervision.class::isInstance);
        portfolio.add(session("2026-02-01", 12, SupervisionFormat.INDIVIDUAL, "MA-000009"));
        portfolio.add(session("2026-03-01", 12, SupervisionFormat.INDIVIDUAL, "MA-000050"));

        RequirementResult supervision = result(check(specialist, Category.IFS), "reflective-supervision");

        assertThat(supervision.met()).isFalse();
        assertThat(supervision.detail()).contains("most hours must come from one provider");
    }

    @Test
    void twoYearsOfWorkStandInForTheAssociatesDegree() {
        portfolio.removeIf(Education.class::isInstance);
        portfolio.add(new Training("Reflective practice", "MassAIMH", LocalDate.of(2021, 1, 1),
                BigDecimal.ONE, Set.of(CompetencyDomain.REFLECTION)));

        List<RequirementResult> results = check(associate, Category.IFA);

        assertThat(result(results, "education").met()).isTrue();
        assertThat(result(results, "education").detail()).contains("years of work stand in");
        assertThat(results).extracting(RequirementResult::requirement).doesNotContain("reflective-supervision");
    }

    @Test
    void postGraduateWorkCountsOnlyAfterTheQualifyingDegree() {
        CategoryRequirements specialistInMentalHealth = new CategoryRequirements(Degree.MASTER, null, 2, true, false,
                BigDecimal.valueOf(30), CORE, BigDecimal.valueOf(24), 24, 3, List.of(), true, true);
        portfolio.add(new Education(Degree.MASTER, "Social work", "Boston University", 2025));

        RequirementResult work = result(check(specialistInMentalHealth, Category.IMHS), "work");

        assertThat(work.met()).isFalse();
        assertThat(work.detail()).startsWith("0.8 of 2 years of work after the qualifying degree");
    }

    /** The clinical Mentor's requirements as seeded: 3 years providing RSC, 25 of 50 RSC hours about providing it. */
    private final RequirementPoliciesTest.Seeded shipped = new RequirementPoliciesTest.Seeded();

    @Test
    void aClinicalMentorNeedsThreeYearsProvidingRscAndHalfTheRscHoursAboutTheRscTheyProvide() {
        CategoryRequirements mentor = shipped.forCategory("ma", Category.IMHM_C, TODAY);
        portfolio.clear();
        portfolio.add(new Education(Degree.MASTER, "Social work", "Boston University", 2010));
        portfolio.add(new WorkExperience("Clinician", "Family Center", LocalDate.of(2015, 1, 1), null, 40, true,
                Set.of(Population.INFANTS, Population.FAMILIES)));
        portfolio.add(new Training("Mentor series", "MassAIMH", LocalDate.of(2024, 3, 1), BigDecimal.valueOf(48),
                EnumSet.allOf(CompetencyDomain.class)));
        for (String on : List.of("2025-03-01", "2025-06-01", "2025-09-01", "2026-01-15", "2026-06-01")) {
            portfolio.add(session(on, 10, SupervisionFormat.INDIVIDUAL, "MA-000009"));
        }

        List<RequirementResult> before = check(mentor, Category.IMHM_C);
        assertThat(result(before, "work").met()).isFalse();
        assertThat(result(before, "work").detail()).startsWith("0.0 of 3 years of work providing reflective "
                + "supervision");
        assertThat(result(before, "reflective-supervision").met()).isFalse();
        assertThat(result(before, "reflective-supervision").detail()).contains("0 of 25 of those hours about the "
                + "reflective supervision the applicant provides");

        portfolio.add(new WorkExperience("RSC provider", "Family Center", LocalDate.of(2022, 1, 1), null, 40, true,
                Set.of(Population.INFANTS, Population.FAMILIES), Set.of(WorkActivity.PROVIDING_RSC)));
        portfolio.removeIf(ReflectiveSupervision.class::isInstance);
        for (String on : List.of("2025-03-01", "2025-06-01", "2025-09-01")) {
            portfolio.add(new ReflectiveSupervision(LocalDate.parse(on), BigDecimal.TEN, SupervisionFormat.INDIVIDUAL,
                    "MA-000009", true));
        }
        for (String on : List.of("2026-01-15", "2026-06-01")) {
            portfolio.add(session(on, 10, SupervisionFormat.INDIVIDUAL, "MA-000009"));
        }

        List<RequirementResult> after = check(mentor, Category.IMHM_C);
        assertThat(result(after, "work").met()).as(result(after, "work").detail()).isTrue();
        assertThat(result(after, "reflective-supervision").met()).isTrue();
        assertThat(result(after, "reflective-supervision").detail()).contains("30 of 25 of those hours");
        assertThat(result(after, "training").met()).isTrue();
    }

    @Test
    void policyAndResearchMentorsNeedThreeYearsOfLeadershipAndMentorsTrainInAdministrationAndResearch() {
        CategoryRequirements policyMentor = shipped.forCategory("wa", Category.IMHM_P, TODAY);
        portfolio.clear();
        portfolio.add(new Education(Degree.MASTER, "Public policy", "UW", 2010));
        portfolio.add(new WorkExperience("Analyst", "State agency", LocalDate.of(2015, 1, 1), null, 40, true,
                Set.of(Population.INFANTS, Population.FAMILIES)));
        portfolio.add(new Training("Policy series", "WA-AIMH", LocalDate.of(2024, 3, 1), BigDecimal.valueOf(33),
                CORE));

        List<RequirementResult> before = check(policyMentor, Category.IMHM_P);
        assertThat(result(before, "work").detail()).startsWith("0.0 of 3 years of work in leadership");
        assertThat(result(before, "training").detail()).isEqualTo("33 of 33 training hours; no hours in "
                + "Administration, Research and Evaluation");
        assertThat(shipped.forCategory("ma", Category.IMHS, TODAY).trainingDomains())
                .doesNotContain(CompetencyDomain.ADMINISTRATION);

        portfolio.add(new WorkExperience("Director", "State agency", LocalDate.of(2020, 1, 1), null, 40, true,
                Set.of(Population.INFANTS, Population.FAMILIES), Set.of(WorkActivity.LEADERSHIP)));
        portfolio.add(new Training("Leading programs", "WA-AIMH", LocalDate.of(2024, 5, 1), BigDecimal.ONE,
                Set.of(CompetencyDomain.ADMINISTRATION, CompetencyDomain.RESEARCH_AND_EVALUATION)));

        List<RequirementResult> after = check(policyMentor, Category.IMHM_P);
        assertThat(result(after, "work").met()).isTrue();
        assertThat(result(after, "training").met()).isTrue();
    }

    private List<RequirementResult> check(CategoryRequirements requirements, Category category) {
        return new RequirementCheck(requirements, category, providers, TODAY).evaluate(portfolio);
    }

    private static RequirementResult result(List<RequirementResult> results, String requirement) {
        return results.stream().filter(r -> r.requirement().equals(requirement)).findFirst().orElseThrow();
    }

    private static ReflectiveSupervision session(String on, int hours, SupervisionFormat format, String provider) {
        return new ReflectiveSupervision(LocalDate.parse(on), BigDecimal.valueOf(hours), format, provider);
    }
}
