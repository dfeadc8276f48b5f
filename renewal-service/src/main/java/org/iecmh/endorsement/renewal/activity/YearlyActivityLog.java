package org.iecmh.endorsement.renewal.activity;

import org.iecmh.endorsement.contracts.association.RenewalPolicy;
import org.iecmh.endorsement.kit.web.Phrase;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * What an endorsee did, year by year, and what each year of a cycle still misses by the association's policy. The
 * aggregate asks it before accepting a renewal; the endorsee's progress view gives the same answer.
 */
public final class YearlyActivityLog {

    /** A logged training or reflective supervision session, as the endorsee sees it to correct or remove it. */
    public record Entry(String entryId, String kind, String title, String providerNumber, LocalDate on,
                        BigDecimal hours, BigDecimal deiHours) {
    }

    public static final String TRAINING = "training";
    public static final String REFLECTIVE_SUPERVISION = "reflective-supervision";

    /** Keyed by entry id; entries recorded before they had one get a key no request can name. */
    private final Map<String, Entry> trainings = new LinkedHashMap<>();
    private final Map<String, Entry> sessions = new LinkedHashMap<>();
    private final List<LocalDate> ethicsSignatures = new ArrayList<>();
    /** A membership's first and last day. */
    private record Membership(LocalDate from, LocalDate through) {
    }

    private final List<Membership> memberships = new ArrayList<>();
    private int unnamed;

    public void add(TrainingRecorded training) {
        trainings.put(key(training.entryId()), new Entry(training.entryId(), TRAINING, training.title(),
                null, training.attendedOn(), training.hours(), training.deiHoursOrZero()));
    }

    public void add(TrainingCorrected training) {
        trainings.put(training.entryId(), new Entry(training.entryId(), TRAINING, training.title(), null,
                training.attendedOn(), training.hours(), training.deiHours() == null ? BigDecimal.ZERO
                : training.deiHours()));
    }

    public void add(TrainingRemoved training) {
        trainings.remove(training.entryId());
    }

    public void add(ReflectiveSupervisionRecorded session) {
        sessions.put(key(session.entryId()), new Entry(session.entryId(), REFLECTIVE_SUPERVISION, null,
                session.providerNumber(), session.sessionOn(), session.hours(), null));
    }

    public void add(ReflectiveSupervisionCorrected session) {
        sessions.put(session.entryId(), new Entry(session.entryId(), REFLECTIVE_SUPERVISION, null,
                session.providerNumber(), session.sessionOn(), session.hours(), null));
    }

    public void add(ReflectiveSupervisionRemoved session) {
        sessions.remove(session.entryId());
    }

    public void add(CodeOfEthicsSigned signed) {
        ethicsSignatures.add(signed.signedOn());
    }

    public void add(MembershipRecorded membership) {
        memberships.add(new Membership(membership.startsOn(), membership.activeThrough()));
    }

    /** Applies any event of the endorsement's stream that changes its activity; others change nothing. */
    public void replay(Object event) {
        if (event instanceof TrainingRecorded e) {
            add(e);
        } else if (event instanceof TrainingCorrected e) {
            add(e);
        } else if (event instanceof TrainingRemoved e) {
            add(e);
        } else if (event instanceof ReflectiveSupervisionRecorded e) {
            add(e);
        } else if (event instanceof ReflectiveSupervisionCorrected e) {
            add(e);
        } else if (event instanceof ReflectiveSupervisionRemoved e) {
            add(e);
        } else if (event instanceof CodeOfEthicsSigned e) {
            add(e);
        } else if (event instanceof MembershipRecorded e) {
            add(e);
        }
    }

    public boolean hasTraining(String entryId) {
        return entryId != null && trainings.containsKey(entryId);
    }

    public boolean hasSession(String entryId) {
        return entryId != null && sessions.containsKey(entryId);
    }

    /** Every logged training and session, earliest first. */
    public List<Entry> entries() {
        List<Entry> entries = new ArrayList<>(trainings.values());
        entries.addAll(sessions.values());
        entries.sort(Comparator.comparing(Entry::on).thenComparing(Entry::kind));
        return entries;
    }

    private String key(String entryId) {
        return entryId != null ? entryId : "unnamed-" + unnamed++;
    }

    /** One year of the cycle: each requirement, met or with what is missing. */
    public record YearProgress(int year, List<Requirement> requirements) {
        public boolean met() {
            return requirements.stream().allMatch(Requirement::met);
        }
    }

    /**
     * A requirement of a year, such as {@code training-hours}, with what was done against what is asked: as a phrase a
     * page words in its reader's language, and in English ({@code detail}).
     */
    public record Requirement(String name, boolean met, String detail, Phrase phrase) {

        Requirement(String name, boolean met, Phrase phrase) {
            this(name, met, phrase.text(), phrase);
        }
    }

    /**
     * Every year of the cycle that closes on {@code validThrough}, earliest first. The year an endorsement began in
     * is not asked for: a cycle starts with the first whole year the endorsee held it ({@code endorsedSince}).
     */
    public List<YearProgress> progress(LocalDate endorsedSince, LocalDate validThrough, String category,
                                       RenewalPolicy policy) {
        List<YearProgress> years = new ArrayList<>();
        int first = Math.max(endorsedSince.getYear() + 1, validThrough.getYear() - policy.cycleYears() + 1);
        for (int year = first; year <= validThrough.getYear(); year++) {
            years.add(year(year, category, policy));
        }
        return years;
    }

    /** The years from {@code firstYear} to {@code lastYear} that are not met (after a lapse, before reinstatement). */
    public List<YearProgress> unmet(int firstYear, int lastYear, String category, RenewalPolicy policy) {
        List<YearProgress> years = new ArrayList<>();
        for (int year = firstYear; year <= lastYear; year++) {
            YearProgress progress = year(year, category, policy);
            if (!progress.met()) {
                years.add(progress);
            }
        }
        return years;
    }

    /** The years of the cycle that are not met. */
    public List<YearProgress> unmet(LocalDate endorsedSince, LocalDate validThrough, String category,
                                    RenewalPolicy policy) {
        return progress(endorsedSince, validThrough, category, policy).stream().filter(y -> !y.met()).toList();
    }

    private YearProgress year(int year, String category, RenewalPolicy policy) {
        List<Requirement> requirements = new ArrayList<>();
        BigDecimal training = hoursIn(trainings, year, Entry::hours);
        requirements.add(hours("training-hours", training, policy.activity().trainingHours(), "hours", "hours-done"));
        if (policy.activity().deiHours() > 0) {
            BigDecimal dei = hoursIn(trainings, year, Entry::deiHours);
            requirements.add(hours("dei-hours", dei, policy.activity().deiHours(), "DEI hours", "dei-hours-done"));
        }
        int rscNeeded = policy.activity().reflectiveSupervisionHoursFor(category);
        if (rscNeeded > 0) {
            BigDecimal rsc = hoursIn(sessions, year, Entry::hours);
            requirements.add(hours("reflective-supervision-hours", rsc, rscNeeded, "hours", "hours-done"));
        }
        if (policy.activity().codeOfEthics()) {
            boolean signed = ethicsSignatures.stream().anyMatch(d -> d.getYear() == year);
            requirements.add(new Requirement("code-of-ethics", signed, signed
                    ? Phrase.of("ethics-signed", "signed in " + year, "year", year)
                    : Phrase.of("ethics-not-signed", "not signed in " + year, "year", year)));
        }
        if (policy.activity().membership()) {
            requirements.add(membership(year));
        }
        return new YearProgress(year, List.copyOf(requirements));
    }

    /**
     * A year is a member's year when a membership was in force on its last day: one that began in or before the year
     * and runs at least to December 31 (a membership bought late in a year may run to the end of the next, and then
     * covers both). A later membership never covers an earlier year.
     */
    private Requirement membership(int year) {
        LocalDate lastDay = LocalDate.of(year, 12, 31);
        return memberships.stream().filter(m -> !m.from().isAfter(lastDay) && !m.through().isBefore(lastDay))
                .findFirst()
                .map(m -> new Requirement("membership", true, Phrase.of("member", "member from " + m.from()
                        + " through " + m.through(), "fromDate", m.from(), "throughDate", m.through())))
                .orElseGet(() -> new Requirement("membership", false, Phrase.of("not-a-member",
                        "no membership in force on " + lastDay, "onDate", lastDay)));
    }

    private static BigDecimal hoursIn(Map<String, Entry> entries, int year, Function<Entry, BigDecimal> hours) {
        return entries.values().stream().filter(e -> e.on().getYear() == year).map(hours)
                .reduce(BigDecimal.ZERO, BigDecimal::add);
    }

    private static Requirement hours(String name, BigDecimal done, int needed, String unit, String code) {
        boolean met = done.compareTo(BigDecimal.valueOf(needed)) >= 0;
        String hours = done.stripTrailingZeros().toPlainString();
        return new Requirement(name, met, Phrase.of(code, hours + " of " + needed + " " + unit, "hours", hours,
                "needed", needed));
    }
}
