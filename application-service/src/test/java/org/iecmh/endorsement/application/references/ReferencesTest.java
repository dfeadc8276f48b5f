package org.iecmh.endorsement.application.references;

import org.axonframework.messaging.MetaData;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.hamcrest.Description;
import org.hamcrest.Matcher;
import org.hamcrest.TypeSafeMatcher;
import org.iecmh.endorsement.application.decision.ApplicationWithdrawn;
import org.iecmh.endorsement.application.portfolio.PortfolioEntry;
import org.iecmh.endorsement.application.portfolio.PortfolioEntry.CompetencyDomain;
import org.iecmh.endorsement.application.portfolio.PortfolioEntry.Degree;
import org.iecmh.endorsement.application.portfolio.PortfolioEntryRecorded;
import org.iecmh.endorsement.application.requirements.CategoryRequirements;
import org.iecmh.endorsement.application.requirements.RequirementResult;
import org.iecmh.endorsement.application.lifecycle.Application;
import org.iecmh.endorsement.application.submission.ApplicationStarted;
import org.iecmh.endorsement.application.submission.ApplicationSubmitted;
import org.iecmh.endorsement.application.submission.MembershipToApply;
import org.iecmh.endorsement.application.submission.StartApplication;
import org.iecmh.endorsement.application.submission.SubmitApplication;
import org.iecmh.endorsement.contracts.Category;
import org.iecmh.endorsement.kit.audit.AuditMetadata;
import org.iecmh.endorsement.kit.web.DomainRuleViolation;
import org.iecmh.endorsement.kit.web.ResourceGone;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.iecmh.endorsement.application.references.RaterRelationship.CURRENT_SUPERVISOR;
import static org.iecmh.endorsement.application.references.RaterRelationship.OTHER;
import static org.iecmh.endorsement.application.references.RaterRelationship.RSC_PROVIDER;

/** The references of an application (docs/architecture.md, Domain rules), told as given / when / then. */
class ReferencesTest {

    private static final String ID = "app-1";
    private static final MetaData BY_APPLICANT = AuditMetadata.of("ma", "applicant-1", "APPLICANT");
    private static final MetaData BY_RATER = AuditMetadata.of("ma", "reference:ref-dana", "REFERENCE_RATER");
    private static final LocalDate TODAY = LocalDate.of(2026, 11, 22);
    private static final Instant NOW = Instant.parse("2026-11-22T10:00:00Z");
    private static final Instant EXPIRES = Instant.parse("2026-12-22T10:00:00Z");
    private static final ReferenceRules RULES = new ReferenceRules(12, 6);

    /** A portfolio that is easy to meet, and the mental health specialist's three references. */
    private static final CategoryRequirements REQUIREMENTS = new CategoryRequirements(Degree.ASSOCIATE, 2, 0,
            false, false, BigDecimal.valueOf(30), Set.of(CompetencyDomain.REFLECTION), BigDecimal.ZERO, 24, 3,
            List.of(CURRENT_SUPERVISOR, RSC_PROVIDER), false, false);
    private static final List<String> ITEMS = List.of("relationships", "development", "observation", "culture",
            "reflection", "supervision", "collaboration", "communication", "ethics");

    private final ApplicationStarted started = new ApplicationStarted(ID, "ma", "applicant-1", "Zoë Example",
            Category.IMHS, "zoe@example.org", "MA");
    private final SubmitApplication submit = new SubmitApplication(ID, REQUIREMENTS, Map.of(), TODAY, RULES, null);
    private final ApplicationSubmitted submitted = new ApplicationSubmitted(ID, "ma", "applicant-1", "Zoë Example",
            Category.IMHS, REQUIREMENTS, null, "zoe@example.org");

    private final RaterNamed dana = named("ref-dana", "Dana Supervisor", CURRENT_SUPERVISOR, true);
    private final RaterNamed lee = named("ref-lee", "Lee Provider", RSC_PROVIDER, false);
    private final RaterNamed kim = named("ref-kim", "Kim Colleague", OTHER, false);

    private AggregateTestFixture<Application> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Application.class);
    }

    @Test
    void anApplicantAppliesOnlyInTheStateWhereTheyLive() {
        fixture.givenNoPriorActivity()
                .when(new StartApplication(ID, "applicant-1", "Zoë Example", Category.IMHS, "zoe@example.org", "NY",
                        Set.of("MA"), "Massachusetts", Set.of(Category.IMHS), MembershipToApply.NOT_REQUIRED, false),
                        BY_APPLICANT)
                .expectNoEvents()
                .expectException(DomainRuleViolation.class)
                .expectExceptionMessage("An applicant applies in the state where they live: this association serves "
                        + "MA, not NY");
    }

    @Test
    void theApplicantNamesRatersWithTheirRelationshipAndWhetherTheyWaiveAccess() {
        fixture.given(started)
                .when(new NameRater(ID, "ref-dana", "Dana Supervisor", "dana@example.org", CURRENT_SUPERVISOR, true,
                        1, EXPIRES), BY_APPLICANT)
                .expectEvents(dana);
        fixture.given(started, dana)
                .when(new NameRater(ID, "ref-other", "Dana Again", "DANA@example.org", OTHER, false, 1, EXPIRES),
                        BY_APPLICANT)
                .expectNoEvents()
                .expectException(DomainRuleViolation.class)
                .expectExceptionMessage("DANA@example.org is named as a rater already");
    }

    @Test
    void threeRatingsThatCountFromTheNeededRelationshipsLetTheApplicationBeSubmitted() {
        fixture.given(portfolio(dana, lee, kim, rated("ref-dana", 30, 0), rated("ref-lee", 14, 2),
                        rated("ref-kim", 12, 5)))
                .when(submit, BY_APPLICANT)
                .expectEvents(submitted);
    }

    @Test
    void submissionWaitsForEnoughRatings() {
        fixture.given(portfolio(dana, lee, kim, rated("ref-dana", 30, 0), rated("ref-lee", 30, 0)))
                .when(submit, BY_APPLICANT)
                .expectNoEvents()
                .expectException(unmetReferences("2 of 3 references count; 1 rating has not arrived yet"));
    }

    @Test
    void theNeededRelationshipsMustBeAmongTheRatingsThatCount() {
        RaterNamed other1 = named("ref-o1", "Ola One", OTHER, false);
        RaterNamed other2 = named("ref-o2", "Otto Two", OTHER, false);
        fixture.given(portfolio(dana, other1, other2, rated("ref-dana", 30, 0), rated("ref-o1", 30, 0),
                        rated("ref-o2", 30, 0)))
                .when(submit, BY_APPLICANT)
                .expectNoEvents()
                .expectException(unmetReferences("3 of 3 references count; needs one from the reflective "
                        + "supervision/consultation provider"));
    }

    @Test
    void aRaterWhoHasKnownTheApplicantLessThanAYearDoesNotCount() {
        fixture.given(portfolio(dana, lee, kim, rated("ref-dana", 6, 0), rated("ref-lee", 30, 0),
                        rated("ref-kim", 30, 0)))
                .when(submit, BY_APPLICANT)
                .expectNoEvents()
                .expectException(unmetReferences("2 of 3 references count; needs one from the current supervisor; "
                        + "the rating from Dana Supervisor does not count: known less than a year; name a "
                        + "replacement"));
    }

    @Test
    void aRatingWithSixOrMoreItemsNotEnoughInformationDoesNotCount() {
        fixture.given(portfolio(dana, lee, kim, rated("ref-dana", 30, 0), rated("ref-lee", 30, 0),
                        rated("ref-kim", 30, 6)))
                .when(submit, BY_APPLICANT)
                .expectNoEvents()
                .expectException(unmetReferences("2 of 3 references count; the rating from Kim Colleague does not "
                        + "count: six or more items answered not enough information; name a replacement"));
    }

    @Test
    void aReplacedRatersLinkStopsWorkingAndTheReplacementsRatingCounts() {
        RaterReplaced replaced = new RaterReplaced(ID, "ma", "ref-kim", "ref-max", "Max Mentor", "max@example.org",
                OTHER, false, 1, EXPIRES);
        List<Object> history = List.of(dana, lee, kim, rated("ref-dana", 30, 0), rated("ref-lee", 30, 0),
                rated("ref-kim", 3, 0));
        fixture.given(portfolio(history.toArray()))
                .when(new ReplaceRater(ID, "ref-kim", "ref-max", "Max Mentor", "max@example.org", OTHER, false, 1,
                        EXPIRES), BY_APPLICANT)
                .expectEvents(replaced);
        fixture.given(portfolio(dana, kim, replaced))
                .when(new SubmitReference(ID, "ref-kim", rating(30, 0), NOW), BY_RATER)
                .expectNoEvents()
                .expectException(gone("reference-link-replaced"));
        List<Object> withReplacement = new ArrayList<>(history);
        withReplacement.add(replaced);
        withReplacement.add(rated("ref-max", 40, 0));
        fixture.given(portfolio(withReplacement.toArray()))
                .when(submit, BY_APPLICANT)
                .expectEvents(submitted);
    }

    @Test
    void theBearerOfALinkRatesOnceWhileTheLinkLasts() {
        fixture.given(started, dana)
                .when(new SubmitReference(ID, "ref-dana", rating(30, 0), NOW), BY_RATER)
                .expectEvents(rated("ref-dana", 30, 0));
        fixture.given(started, dana, rated("ref-dana", 30, 0))
                .when(new SubmitReference(ID, "ref-dana", rating(30, 0), NOW), BY_RATER)
                .expectNoEvents()
                .expectException(gone("reference-link-used"));
        fixture.given(started, dana)
                .when(new SubmitReference(ID, "ref-dana", rating(30, 0), EXPIRES), BY_RATER)
                .expectNoEvents()
                .expectException(gone("reference-link-expired"));
    }

    @Test
    void aLinkOfAnApplicationThatHasEndedTakesNoRating() {
        fixture.given(started, dana, new ApplicationWithdrawn(ID, "ma", "Moving abroad"))
                .when(new SubmitReference(ID, "ref-dana", rating(30, 0), NOW), BY_RATER)
                .expectNoEvents()
                .expectException(gone("reference-not-needed"));
    }

    @Test
    void anExpiredLinkIsSentAgainWithANewExpiryButNotOnceTheRatingArrived() {
        Instant later = EXPIRES.plusSeconds(30L * 24 * 3600);
        ReferenceLinkResent resent = new ReferenceLinkResent(ID, "ma", "ref-dana", later);
        fixture.given(started, dana)
                .when(new ResendReferenceLink(ID, "ref-dana", later), BY_APPLICANT)
                .expectEvents(resent);
        fixture.given(started, dana, resent)
                .when(new SubmitReference(ID, "ref-dana", rating(30, 0), EXPIRES.plusSeconds(60)), BY_RATER)
                .expectEvents(rated("ref-dana", 30, 0));
        fixture.given(started, dana, rated("ref-dana", 30, 0))
                .when(new ResendReferenceLink(ID, "ref-dana", later), BY_APPLICANT)
                .expectNoEvents()
                .expectException(DomainRuleViolation.class);
    }

    @Test
    void theWaiverIsTheApplicantsChoicePerRaterAndStaysWithTheReplacement() {
        fixture.given(started, dana)
                .when(new ReplaceRater(ID, "ref-dana", "ref-ana", "Ana Supervisor", "ana@example.org",
                        CURRENT_SUPERVISOR, false, 1, EXPIRES), BY_APPLICANT)
                .expectEvents(new RaterReplaced(ID, "ma", "ref-dana", "ref-ana", "Ana Supervisor", "ana@example.org",
                        CURRENT_SUPERVISOR, false, 1, EXPIRES));
        fixture.given(started, dana, lee)
                .when(new ReplaceRater(ID, "ref-dana", "ref-ana", "Lee Again", "lee@example.org",
                        CURRENT_SUPERVISOR, true, 1, EXPIRES), BY_APPLICANT)
                .expectNoEvents()
                .expectException(DomainRuleViolation.class);
    }

    @Test
    void ratersAreNamedOnlyWhileThePortfolioIsOpen() {
        fixture.given(portfolio(dana, lee, kim, rated("ref-dana", 30, 0), rated("ref-lee", 30, 0),
                        rated("ref-kim", 30, 0), submitted))
                .when(new NameRater(ID, "ref-new", "Late Rater", "late@example.org", OTHER, false, 1, EXPIRES),
                        BY_APPLICANT)
                .expectNoEvents()
                .expectException(DomainRuleViolation.class);
    }

    private Object[] portfolio(Object... events) {
        List<Object> all = new ArrayList<>(List.of(started,
                new PortfolioEntryRecorded(ID, "e1", new PortfolioEntry.Education(Degree.ASSOCIATE,
                        "Early childhood", "Bunker Hill CC", 2018)),
                new PortfolioEntryRecorded(ID, "e2", new PortfolioEntry.Training("Reflective practice", "MassAIMH",
                        LocalDate.of(2022, 3, 1), BigDecimal.valueOf(30), Set.of(CompetencyDomain.REFLECTION)))));
        all.addAll(List.of(events));
        return all.toArray();
    }

    private static RaterNamed named(String referenceId, String name, RaterRelationship relationship, boolean waives) {
        return new RaterNamed(ID, "ma", referenceId, name, name.split(" ")[0].toLowerCase() + "@example.org",
                relationship, waives, 1, EXPIRES);
    }

    private static ReferenceSubmitted rated(String referenceId, int knownForMonths, int notEnoughInformation) {
        return new ReferenceSubmitted(ID, "ma", referenceId, rating(knownForMonths, notEnoughInformation));
    }

    /** A rating of every item, the first {@code notEnoughInformation} of them "not enough information". */
    private static Rating rating(int knownForMonths, int notEnoughInformation) {
        Map<String, String> answers = new HashMap<>();
        for (int i = 0; i < ITEMS.size(); i++) {
            answers.put(ITEMS.get(i), i < notEnoughInformation ? Rating.NOT_ENOUGH_INFORMATION : "4");
        }
        return new Rating(1, knownForMonths, answers, null);
    }

    private static Matcher<ResourceGone> gone(String rule) {
        return new TypeSafeMatcher<>() {
            @Override
            protected boolean matchesSafely(ResourceGone gone) {
                return gone.rule().equals(rule);
            }

            @Override
            public void describeTo(Description description) {
                description.appendText("410 " + rule);
            }
        };
    }

    /** Submission refused with the references requirement unmet, saying exactly {@code detail}. */
    private static Matcher<DomainRuleViolation> unmetReferences(String detail) {
        return new TypeSafeMatcher<>() {
            @Override
            protected boolean matchesSafely(DomainRuleViolation violation) {
                Object unmet = violation.details().get("unmet");
                return violation.rule().equals("requirements-unmet") && unmet instanceof List<?> results
                        && results.stream().anyMatch(r -> r instanceof RequirementResult result
                        && result.requirement().equals("references") && result.detail().equals(detail));
            }

            @Override
            public void describeTo(Description description) {
                description.appendText("references unmet: " + detail);
            }

            @Override
            protected void describeMismatchSafely(DomainRuleViolation violation, Description mismatch) {
                mismatch.appendText(violation.rule() + " " + violation.details());
            }
        };
    }
}
