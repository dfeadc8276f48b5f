package org.iecmh.endorsement.renewal.requirements;

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
 * endorsement's activity keeps it; a renewal and a reinstatement ask it whether the years they need are met, and the
 * endorsee's progress view gives the same answer.
 */
public final class YearlyActivityLog {

    public static final String TRAINING = "training";
    public static final String REFLECTIVE_SUPERVISION = "reflective-supervision";

    /** Keyed by entry id; entries recorded before they had one get a key no request can name. */
    private final Map<String, LoggedActivity> trainings = new LinkedHashMap<>();
    private final Map<String, LoggedActivity> sessions = new LinkedHashMap<>();
    private final List<LocalDate> ethicsSignatures = new ArrayList<>();
    /** A membership's first and last day. */
    private record Membership(LocalDate from, LocalDate through) {
    }

    private final List<Membership> memberships = new ArrayList<>();
    private int unnamed;

    /** A training as logged; one logged before entries had ids gets a key no request can name. */
    public void recordTraining(String entryId, String title, LocalDate attendedOn, BigDecimal hours,
                               BigDecimal deiHours) {
        trainings.put(key(entryId), new LoggedActivity(entryId, TRAINING, title, null, attendedOn, hours,
                deiHours));
    }

    public void correctTraining(String entryId, String title, LocalDate attendedOn, BigDecimal hours,
                                BigDecimal deiHours) {
        trainings.put(entryId, new LoggedActivity(entryId, TRAINING, title, null, attendedOn, hours, deiHours));
    }

    public void removeTraining(String entryId) {
        trainings.remove(entryId);
    }

    /** A session as logged; one logged before entries had ids gets a key no request can name. */
    public void recordSession(String entryId, String providerNumber, LocalDate sessionOn, BigDecimal hours) {
        sessions.put(key(entryId), new LoggedActivity(entryId, REFLECTIVE_SUPERVISION, null, providerNumber,
                sessionOn, hours, null));
    }

    public void correctSession(String entryId, String providerNumber, LocalDate sessionOn, BigDecimal hours) {
        sessions.put(entryId, new LoggedActivity(entryId, REFLECTIVE_SUPERVISION, null, providerNumber, sessionOn,
                hours, null));
    }

    public void removeSession(String entryId) {
        sessions.remove(entryId);
    }

    public void signEthics(LocalDate signedOn) {
        ethicsSignatures.add(signedOn);
    }

    public void addMembership(LocalDate from, LocalDate through) {
        memberships.add(new Membership(from, through));
    }

    public boolean hasTraining(String entryId) {
        return entryId != null && trainings.containsKey(entryId);
    }

    public boolean hasSession(String entryId) {
        return entryId != null && sessions.containsKey(entryId);
    }

    /** Every logged training and session, earliest first. */
    public List<LoggedActivity> entries() {
        List<LoggedActivity> entries = new ArrayList<>(trainings.values());
        entries.addAll(sessions.values());
        entries.sort(Comparator.comparing(LoggedActivity::on).thenComparing(LoggedActivity::kind));
        return entries;
    }

    private String key(String entryId) {
        return entryId != null ? entryId : "unnamed-" + unnamed++;
    }

    /**
     * Every year of the cycle that closes on {@code validThrough}, earliest first. The year an endorsement began in
     * is not asked for: a cycle starts with the first whole year the endorsee held it ({@code endorsedSince}).
     */
    public List<YearProgress> progress(LocalDate endorsedSince, LocalDate validThrough, String category,
                                       RenewalPolicy policy) {
        List<YearProgress> years = new ArrayList<>();
        for (int year = firstYearOfCycle(endorsedSince, validThrough, policy); year <= validThrough.getYear(); year++) {
            years.add(year(year, category, policy));
        }
        return years;
    }

    /**
     * The first year of the cycle that closes on {@code validThrough}: the policy's cycle counted back from its last
     * year, but never the year the endorsement began in ({@code endorsedSince}).
     */
    public static int firstYearOfCycle(LocalDate endorsedSince, LocalDate validThrough, RenewalPolicy policy) {
        return Math.max(endorsedSince.getYear() + 1, validThrough.getYear() - policy.cycleYears() + 1);
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
        BigDecimal training = hoursIn(trainings, year, LoggedActivity::hours);
        requirements.add(hours("training-hours", training, policy.activity().trainingHours(), "hours", "hours-done"));
        if (policy.activity().deiHours() > 0) {
            BigDecimal dei = hoursIn(trainings, year, LoggedActivity::deiHours);
            requirements.add(hours("dei-hours", dei, policy.activity().deiHours(), "DEI hours", "dei-hours-done"));
        }
        int rscNeeded = policy.activity().reflectiveSupervisionHoursFor(category);
        if (rscNeeded > 0) {
            BigDecimal rsc = hoursIn(sessions, year, LoggedActivity::hours);
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

    private static BigDecimal hoursIn(Map<String, LoggedActivity> entries, int year,
                                      Function<LoggedActivity, BigDecimal> hours) {
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
