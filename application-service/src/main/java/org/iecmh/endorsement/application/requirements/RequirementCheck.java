package org.iecmh.endorsement.application.requirements;

import org.iecmh.endorsement.application.portfolio.PortfolioEntry;
import org.iecmh.endorsement.application.portfolio.PortfolioEntry.CompetencyDomain;
import org.iecmh.endorsement.application.portfolio.PortfolioEntry.Education;
import org.iecmh.endorsement.application.portfolio.PortfolioEntry.Population;
import org.iecmh.endorsement.application.portfolio.PortfolioEntry.ReflectiveSupervision;
import org.iecmh.endorsement.application.portfolio.PortfolioEntry.SupervisionFormat;
import org.iecmh.endorsement.application.portfolio.PortfolioEntry.Training;
import org.iecmh.endorsement.application.portfolio.PortfolioEntry.WorkExperience;
import org.iecmh.endorsement.application.references.RaterRelationship;
import org.iecmh.endorsement.application.references.Reference;
import org.iecmh.endorsement.application.references.ReferenceRules;
import org.iecmh.endorsement.contracts.Category;
import org.iecmh.endorsement.kit.web.Phrase;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Checks a portfolio against a category's requirements and says, for each, what is met and what is missing. The
 * same check answers the applicant's "what is left?" and decides whether a submission is accepted.
 * <p>
 * Length: one method per line of the requirements table (education, work, training hours and
 * domains, supervision hours, providers and window, references), kept in one class so that the list the applicant
 * reads and the rule the aggregate applies cannot drift apart.
 */
public final class RequirementCheck {

    private static final BigDecimal FULL_TIME_HOURS = BigDecimal.valueOf(40);
    private static final BigDecimal DAYS_PER_YEAR = BigDecimal.valueOf(365.25);

    private final CategoryRequirements requirements;
    private final Category category;
    private final Map<String, List<EndorsedPeriod>> providerPeriods;
    private final LocalDate today;

    /**
     * @param providerPeriods for each reflective supervision provider's endorsement number, the periods in which its
     *                        provider held an endorsement in a category that provides supervision
     */
    public RequirementCheck(CategoryRequirements requirements, Category category,
                            Map<String, List<EndorsedPeriod>> providerPeriods, LocalDate today) {
        this.requirements = requirements;
        this.category = category;
        this.providerPeriods = Map.copyOf(providerPeriods);
        this.today = today;
    }

    public List<RequirementResult> evaluate(Collection<PortfolioEntry> portfolio) {
        List<RequirementResult> results = new ArrayList<>();
        Optional<Education> degree = qualifyingDegree(portfolio);
        BigDecimal workYears = workYears(portfolio, degree);
        results.add(education(degree, workYears));
        if (requirements.workYears() > 0) {
            results.add(work(portfolio, workYears));
        }
        results.add(training(portfolio));
        if (requirements.supervisionHours().signum() > 0) {
            results.add(supervision(portfolio));
        }
        return results;
    }

    /** The portfolio's requirements and, where the category asks for references, the ratings of the raters named. */
    public List<RequirementResult> evaluate(Collection<PortfolioEntry> portfolio, Collection<Reference> references,
                                            ReferenceRules rules) {
        List<RequirementResult> results = new ArrayList<>(evaluate(portfolio));
        if (requirements.references() > 0) {
            results.add(references(references, rules));
        }
        return results;
    }

    /**
     * Ratings that count, against the number and the relationships needed; a rating that does not count says why
     * and asks for a replacement.
     */
    private RequirementResult references(Collection<Reference> named, ReferenceRules rules) {
        List<Reference> counting = new ArrayList<>();
        List<Phrase> notCounting = new ArrayList<>();
        int waiting = 0;
        for (Reference reference : named) {
            if (!reference.completed()) {
                waiting++;
                continue;
            }
            Phrase why = rules.whyNotCounted(reference.rating());
            if (why == null) {
                counting.add(reference);
            } else {
                notCounting.add(Phrase.of("rating-does-not-count", "the rating from " + reference.raterName()
                        + " does not count: " + why.text() + "; name a replacement", "rater", reference.raterName(),
                        "why", why));
            }
        }
        List<RaterRelationship> missing = new ArrayList<>(requirements.referenceRelationships());
        counting.forEach(reference -> missing.remove(reference.relationship()));
        int needed = requirements.references();
        List<Phrase> notes = new ArrayList<>();
        notes.add(Phrase.of("references-count", counting.size() + " of " + needed + " references count",
                "counting", counting.size(), "needed", needed));
        if (!missing.isEmpty()) {
            notes.add(Phrase.of("references-needed-from", "needs one from " + missing.stream()
                    .map(RaterRelationship::words).collect(Collectors.joining(" and one from ")),
                    "relationships", missing.stream().map(Enum::name).toList()));
        }
        notes.addAll(notCounting);
        if (waiting > 0) {
            notes.add(Phrase.of(waiting == 1 ? "rating-waiting" : "ratings-waiting", waiting
                    + (waiting == 1 ? " rating has" : " ratings have") + " not arrived yet", "count", waiting));
        }
        int unnamed = needed - counting.size() - waiting;
        if (unnamed > 0 && notCounting.isEmpty()) {
            notes.add(Phrase.of(unnamed == 1 ? "rater-to-name" : "raters-to-name", "name " + unnamed + " more rater"
                    + (unnamed == 1 ? "" : "s"), "count", unnamed));
        }
        boolean met = counting.size() >= needed && missing.isEmpty();
        return RequirementResult.of("references", met, notes);
    }

    public static List<RequirementResult> unmet(List<RequirementResult> results) {
        return results.stream().filter(result -> !result.met()).toList();
    }

    private RequirementResult education(Optional<Education> degree, BigDecimal workYears) {
        if (requirements.degree() == null) {
            return RequirementResult.of("education", true, Phrase.of("degree-not-required", "No degree is required"));
        }
        String degreeWords = words(requirements.degree());
        String needed = (degreeWords.startsWith("a") ? "an " : "a ") + degreeWords + " degree or higher";
        List<String> neededDegree = List.of(requirements.degree().name());
        if (degree.isPresent()) {
            Education found = degree.get();
            return RequirementResult.of("education", true, Phrase.of("degree-held", "Has " + needed + ": "
                    + words(found.degree()) + " in " + found.field() + ", " + found.institution() + " (" + found.year()
                    + ")", "needed", neededDegree, "degree", List.of(found.degree().name()), "field", found.field(),
                    "institution", found.institution(), "year", found.year()));
        }
        Integer instead = requirements.workYearsInsteadOfDegree();
        if (instead != null && workYears.compareTo(BigDecimal.valueOf(instead)) >= 0) {
            return RequirementResult.of("education", true, Phrase.of("work-instead-of-degree", workYears
                    + " years of work stand in for " + needed, "years", workYears, "needed", neededDegree));
        }
        return RequirementResult.of("education", false, instead == null
                ? Phrase.of("degree-needed", "Needs " + needed, "needed", neededDegree)
                : Phrase.of("degree-or-work-needed", "Needs " + needed + ", or " + instead
                        + " years of work with infants, toddlers and families", "needed", neededDegree,
                        "years", instead));
    }

    private RequirementResult work(Collection<PortfolioEntry> portfolio, BigDecimal workYears) {
        List<Phrase> missing = new ArrayList<>();
        BigDecimal needed = BigDecimal.valueOf(requirements.workYears());
        List<String> kind = new ArrayList<>();
        if (requirements.paidWork()) {
            kind.add("paid");
        }
        if (requirements.workActivity() != null) {
            kind.add(requirements.workActivity().name());
        }
        if (requirements.workAfterDegree()) {
            kind.add("after-degree");
        }
        if (workYears.compareTo(needed) < 0) {
            missing.add(Phrase.of("work-years-missing", workYears + " of " + needed + " years of "
                    + (requirements.paidWork() ? "paid " : "") + "work" + activityWords()
                    + (requirements.workAfterDegree() ? " after the qualifying degree" : ""),
                    "years", workYears, "needed", needed, "kind", kind));
        }
        if (!servesYoungChildren(portfolio)) {
            missing.add(Phrase.of(earlyChildhood() ? "work-with-toddlers-or-preschoolers" : "work-with-infants-or-toddlers",
                    "the work history must include " + (earlyChildhood() ? "toddlers or preschoolers"
                    : "infants or toddlers") + " and their families; work with pregnant women alone does not count"));
        }
        return missing.isEmpty()
                ? RequirementResult.of("work", true, Phrase.of("work-years", workYears + " of " + needed
                        + " years of work" + activityWords(), "years", workYears, "needed", needed, "kind",
                        requirements.workActivity() == null ? List.of() : List.of(requirements.workActivity().name())))
                : RequirementResult.of("work", false, missing);
    }

    private String activityWords() {
        if (requirements.workActivity() == null) {
            return "";
        }
        return switch (requirements.workActivity()) {
            case PROVIDING_RSC -> " providing reflective supervision";
            case LEADERSHIP -> " in leadership";
        };
    }

    private RequirementResult training(Collection<PortfolioEntry> portfolio) {
        List<Training> trainings = entries(portfolio, Training.class);
        BigDecimal hours = trainings.stream().map(Training::hours).reduce(BigDecimal.ZERO, BigDecimal::add);
        Set<CompetencyDomain> covered = trainings.stream().flatMap(t -> t.domains().stream())
                .collect(Collectors.toCollection(() -> EnumSet.noneOf(CompetencyDomain.class)));
        List<String> uncovered = requirements.trainingDomains().stream().filter(d -> !covered.contains(d))
                .sorted().map(CompetencyDomain::title).toList();
        Phrase summary = Phrase.of("training-hours", plain(hours) + " of " + plain(requirements.trainingHours())
                + " training hours", "hours", plain(hours), "needed", plain(requirements.trainingHours()));
        boolean enoughHours = hours.compareTo(requirements.trainingHours()) >= 0;
        if (enoughHours && uncovered.isEmpty()) {
            return RequirementResult.of("training", true, summary);
        }
        return RequirementResult.of("training", false, uncovered.isEmpty() ? List.of(summary) : List.of(summary,
                Phrase.of("training-domains-uncovered", "no hours in " + String.join(", ", uncovered), "domains",
                        requirements.trainingDomains().stream().filter(d -> !covered.contains(d)).sorted()
                                .map(Enum::name).toList())));
    }

    private RequirementResult supervision(Collection<PortfolioEntry> portfolio) {
        LocalDate windowStart = today.minusMonths(requirements.supervisionWindowMonths());
        Map<String, BigDecimal> countedByProvider = new LinkedHashMap<>();
        BigDecimal peer = BigDecimal.ZERO;
        BigDecimal notEndorsed = BigDecimal.ZERO;
        BigDecimal outsideWindow = BigDecimal.ZERO;
        BigDecimal aboutProviding = BigDecimal.ZERO;
        for (ReflectiveSupervision session : entries(portfolio, ReflectiveSupervision.class)) {
            List<EndorsedPeriod> periods = providerPeriods.getOrDefault(session.providerEndorsementNumber(), List.of());
            if (session.format() == SupervisionFormat.PEER) {
                peer = peer.add(session.hours());
            } else if (session.heldOn().isBefore(windowStart) || session.heldOn().isAfter(today)) {
                outsideWindow = outsideWindow.add(session.hours());
            } else if (periods.stream().noneMatch(period -> period.covers(session.heldOn()))) {
                notEndorsed = notEndorsed.add(session.hours());
            } else {
                countedByProvider.merge(session.providerEndorsementNumber(), session.hours(), BigDecimal::add);
                if (session.aboutProvidingRsc()) {
                    aboutProviding = aboutProviding.add(session.hours());
                }
            }
        }
        BigDecimal counted = countedByProvider.values().stream().reduce(BigDecimal.ZERO, BigDecimal::add);
        List<Phrase> notes = new ArrayList<>();
        notes.add(Phrase.of("supervision-hours", plain(counted) + " of " + plain(requirements.supervisionHours())
                + " hours of reflective supervision in the last " + requirements.supervisionWindowMonths()
                + " months from endorsed providers", "hours", plain(counted), "needed",
                plain(requirements.supervisionHours()), "months", requirements.supervisionWindowMonths()));
        boolean met = counted.compareTo(requirements.supervisionHours()) >= 0;
        Optional<Map.Entry<String, BigDecimal>> main = countedByProvider.entrySet().stream()
                .max(Map.Entry.comparingByValue(Comparator.naturalOrder()));
        if (main.isPresent() && main.get().getValue().multiply(BigDecimal.valueOf(2)).compareTo(counted) <= 0) {
            met = false;
            notes.add(Phrase.of("supervision-one-main-provider", "most hours must come from one provider; "
                    + main.get().getKey() + " gave the most, " + plain(main.get().getValue()), "provider",
                    main.get().getKey(), "hours", plain(main.get().getValue())));
        }
        if (requirements.supervisionAboutProvidingHours().signum() > 0) {
            notes.add(Phrase.of("supervision-about-providing", plain(aboutProviding) + " of "
                    + plain(requirements.supervisionAboutProvidingHours())
                    + " of those hours about the reflective supervision the applicant provides", "hours",
                    plain(aboutProviding), "needed", plain(requirements.supervisionAboutProvidingHours())));
            met = met && aboutProviding.compareTo(requirements.supervisionAboutProvidingHours()) >= 0;
        }
        if (notEndorsed.signum() > 0) {
            notes.add(Phrase.of("supervision-provider-not-endorsed", plain(notEndorsed)
                    + " hours from providers not endorsed on the session date do not count", "hours", plain(notEndorsed)));
        }
        if (peer.signum() > 0) {
            notes.add(Phrase.of("supervision-peer", plain(peer) + " hours of peer supervision never count", "hours",
                    plain(peer)));
        }
        if (outsideWindow.signum() > 0) {
            notes.add(Phrase.of("supervision-outside-window", plain(outsideWindow) + " hours fall outside the last "
                    + requirements.supervisionWindowMonths() + " months", "hours", plain(outsideWindow), "months",
                    requirements.supervisionWindowMonths()));
        }
        return RequirementResult.of("reflective-supervision", met, notes);
    }

    private Optional<Education> qualifyingDegree(Collection<PortfolioEntry> portfolio) {
        if (requirements.degree() == null) {
            return Optional.empty();
        }
        return entries(portfolio, Education.class).stream()
                .filter(e -> e.degree().compareTo(requirements.degree()) >= 0)
                .min(Comparator.comparingInt(Education::year));
    }

    /** Full-time-equivalent years of work that count: paid if required, after the degree if required. */
    private BigDecimal workYears(Collection<PortfolioEntry> portfolio, Optional<Education> degree) {
        LocalDate countsFrom = requirements.workAfterDegree() && degree.isPresent()
                ? LocalDate.of(degree.get().year() + 1, 1, 1) : LocalDate.MIN;
        if (requirements.workAfterDegree() && degree.isEmpty()) {
            return BigDecimal.ZERO;
        }
        BigDecimal years = BigDecimal.ZERO;
        for (WorkExperience work : entries(portfolio, WorkExperience.class)) {
            if (requirements.paidWork() && !work.paid()) {
                continue;
            }
            if (requirements.workActivity() != null && !work.activities().contains(requirements.workActivity())) {
                continue;
            }
            LocalDate from = work.startedOn().isBefore(countsFrom) ? countsFrom : work.startedOn();
            LocalDate to = work.endedOn() == null || work.endedOn().isAfter(today) ? today : work.endedOn();
            if (!to.isAfter(from)) {
                continue;
            }
            BigDecimal share = BigDecimal.valueOf(Math.min(work.hoursPerWeek(), 40))
                    .divide(FULL_TIME_HOURS, 4, RoundingMode.HALF_UP);
            years = years.add(BigDecimal.valueOf(ChronoUnit.DAYS.between(from, to)).multiply(share)
                    .divide(DAYS_PER_YEAR, 4, RoundingMode.HALF_UP));
        }
        return years.setScale(1, RoundingMode.DOWN);
    }

    private boolean servesYoungChildren(Collection<PortfolioEntry> portfolio) {
        Set<Population> wanted = earlyChildhood() ? EnumSet.of(Population.TODDLERS, Population.PRESCHOOLERS)
                : EnumSet.of(Population.INFANTS, Population.TODDLERS);
        return entries(portfolio, WorkExperience.class).stream()
                .anyMatch(work -> work.populations().stream().anyMatch(wanted::contains));
    }

    private boolean earlyChildhood() {
        return category.abbreviation().startsWith("EC");
    }

    private static <T extends PortfolioEntry> List<T> entries(Collection<PortfolioEntry> portfolio, Class<T> kind) {
        return portfolio.stream().filter(kind::isInstance).map(kind::cast).toList();
    }

    private static String words(Enum<?> degree) {
        String name = degree.name().toLowerCase();
        return name.equals("bachelor") || name.equals("master") ? name + "'s" : name;
    }

    private static String plain(BigDecimal number) {
        return number.stripTrailingZeros().toPlainString();
    }
}
