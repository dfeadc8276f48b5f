package org.iecmh.endorsement.application.portfolio;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.Collections;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * One entry of an applicant's portfolio, as the tabs of the application show them. Stored in events with a
 * {@code kind} member, so the JSON an auditor reads says what each entry is.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "kind")
@JsonSubTypes({
        @JsonSubTypes.Type(value = PortfolioEntry.Education.class, name = "education"),
        @JsonSubTypes.Type(value = PortfolioEntry.WorkExperience.class, name = "work"),
        @JsonSubTypes.Type(value = PortfolioEntry.Training.class, name = "training"),
        @JsonSubTypes.Type(value = PortfolioEntry.ReflectiveSupervision.class, name = "supervision")})
public sealed interface PortfolioEntry {

    /** The name the entry's kind has in JSON: education, work, training or supervision. */
    static String kindOf(PortfolioEntry entry) {
        String kind = Kinds.BY_CLASS.get(entry.getClass());
        if (kind == null) {
            throw new IllegalArgumentException("Not a portfolio entry: " + entry.getClass());
        }
        return kind;
    }

    /** The kinds' names, read from the annotation once rather than for every entry a replay writes. */
    final class Kinds {

        private static final Map<Class<?>, String> BY_CLASS = Arrays.stream(
                        PortfolioEntry.class.getAnnotation(JsonSubTypes.class).value())
                .collect(Collectors.toUnmodifiableMap(JsonSubTypes.Type::value, JsonSubTypes.Type::name));

        private Kinds() {
        }
    }

    /** A degree earned. */
    record Education(Degree degree, String field, String institution, int year) implements PortfolioEntry {
    }

    /**
     * A position held; {@code endedOn} is empty while it lasts. Populations served include prenatal work;
     * {@code activities} say what the work involved where a Mentor category asks for it (providing reflective
     * supervision, leadership).
     */
    record WorkExperience(String role, String employer, LocalDate startedOn, LocalDate endedOn, int hoursPerWeek,
                          boolean paid, Set<Population> populations, Set<WorkActivity> activities)
            implements PortfolioEntry {
        @JsonCreator
        public WorkExperience {
            populations = inOrder(populations, Population.class);
            activities = inOrder(activities, WorkActivity.class);
        }

        public WorkExperience(String role, String employer, LocalDate startedOn, LocalDate endedOn, int hoursPerWeek,
                              boolean paid, Set<Population> populations) {
            this(role, employer, startedOn, endedOn, hoursPerWeek, paid, populations, Set.of());
        }
    }

    /** A training attended; its hours count toward each competency domain it covers. */
    record Training(String title, String provider, LocalDate attendedOn, BigDecimal hours,
                    Set<CompetencyDomain> domains) implements PortfolioEntry {
        public Training {
            domains = inOrder(domains, CompetencyDomain.class);
        }
    }

    /** Values in their declared order, so that the same entry is always stored as the same JSON. */
    static <E extends Enum<E>> Set<E> inOrder(Set<E> values, Class<E> type) {
        EnumSet<E> ordered = EnumSet.noneOf(type);
        if (values != null) {
            ordered.addAll(values);
        }
        return Collections.unmodifiableSet(ordered);
    }

    /**
     * A reflective supervision/consultation session and the endorsement number of whoever provided it;
     * {@code aboutProvidingRsc} when the session was about the reflective supervision the applicant provides to
     * others (a clinical Mentor needs some of those hours).
     */
    record ReflectiveSupervision(LocalDate heldOn, BigDecimal hours, SupervisionFormat format,
                                 String providerEndorsementNumber, boolean aboutProvidingRsc)
            implements PortfolioEntry {

        @JsonCreator
        public ReflectiveSupervision {
        }

        public ReflectiveSupervision(LocalDate heldOn, BigDecimal hours, SupervisionFormat format,
                                     String providerEndorsementNumber) {
            this(heldOn, hours, format, providerEndorsementNumber, false);
        }
    }

    enum Degree {
        ASSOCIATE, BACHELOR, MASTER, DOCTORATE
    }

    enum Population {
        PRENATAL, INFANTS, TODDLERS, PRESCHOOLERS, FAMILIES
    }

    /** What a position involved, where a category's work requirement asks for it. */
    enum WorkActivity {
        PROVIDING_RSC, LEADERSHIP
    }

    /** Peer supervision is recorded, but never counts toward the requirement. */
    enum SupervisionFormat {
        INDIVIDUAL, GROUP, PEER
    }

    /** The domains of the Competency Guidelines; Mentors add Administration and Research and Evaluation. */
    enum CompetencyDomain {
        THEORETICAL_FOUNDATIONS("Theoretical Foundations"),
        LAW_REGULATION_AND_AGENCY_POLICY("Law, Regulation and Agency Policy"),
        SYSTEMS_EXPERTISE("Systems Expertise"),
        DIRECT_SERVICE_SKILLS("Direct Service Skills"),
        WORKING_WITH_OTHERS("Working with Others"),
        COMMUNICATING("Communicating"),
        THINKING("Thinking"),
        REFLECTION("Reflection"),
        ADMINISTRATION("Administration"),
        RESEARCH_AND_EVALUATION("Research and Evaluation");

        private final String title;

        CompetencyDomain(String title) {
            this.title = title;
        }

        public String title() {
            return title;
        }
    }
}
