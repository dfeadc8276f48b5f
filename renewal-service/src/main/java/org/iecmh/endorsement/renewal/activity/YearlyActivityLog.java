package org.iecmh.endorsement.renewal.activity;

import org.iecmh.endorsement.renewal.policy.RenewalPolicy;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * What an endorsee did, year by year, and what each year of a cycle still misses by the association's policy. The
 * aggregate asks it before accepting a renewal; the endorsee's progress view gives the same answer.
 */
public final class YearlyActivityLog {

    private final List<TrainingRecorded> trainings = new ArrayList<>();
    private final List<ReflectiveSupervisionRecorded> sessions = new ArrayList<>();
    private final List<LocalDate> ethicsSignatures = new ArrayList<>();
    private LocalDate memberThrough;

    public void add(TrainingRecorded training) {
        trainings.add(training);
    }

    public void add(ReflectiveSupervisionRecorded session) {
        sessions.add(session);
    }

    public void add(CodeOfEthicsSigned signed) {
        ethicsSignatures.add(signed.signedOn());
    }

    public void add(MembershipRecorded membership) {
        if (memberThrough == null || membership.activeThrough().isAfter(memberThrough)) {
            memberThrough = membership.activeThrough();
        }
    }

    /** One year of the cycle: each requirement, met or with what is missing. */
    public record YearProgress(int year, List<Requirement> requirements) {
        public boolean met() {
            return requirements.stream().allMatch(Requirement::met);
        }
    }

    /** A requirement of a year, such as {@code training-hours}, with what was done against what is asked. */
    public record Requirement(String name, boolean met, String detail) {
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
        BigDecimal training = trainings.stream().filter(t -> t.attendedOn().getYear() == year)
                .map(TrainingRecorded::hours).reduce(BigDecimal.ZERO, BigDecimal::add);
        requirements.add(hours("training-hours", training, policy.activity().trainingHours(), "hours"));
        if (policy.activity().deiHours() > 0) {
            BigDecimal dei = trainings.stream().filter(t -> t.attendedOn().getYear() == year)
                    .map(TrainingRecorded::deiHoursOrZero).reduce(BigDecimal.ZERO, BigDecimal::add);
            requirements.add(hours("dei-hours", dei, policy.activity().deiHours(), "DEI hours"));
        }
        int rscNeeded = policy.activity().reflectiveSupervisionHoursFor(category);
        if (rscNeeded > 0) {
            BigDecimal rsc = sessions.stream().filter(s -> s.sessionOn().getYear() == year)
                    .map(ReflectiveSupervisionRecorded::hours).reduce(BigDecimal.ZERO, BigDecimal::add);
            requirements.add(hours("reflective-supervision-hours", rsc, rscNeeded, "hours"));
        }
        boolean signed = ethicsSignatures.stream().anyMatch(d -> d.getYear() == year);
        requirements.add(new Requirement("code-of-ethics", signed,
                signed ? "signed in " + year : "not signed in " + year));
        // Membership is asked for the whole year; the renewal fee is part of it (seed 003).
        boolean member = memberThrough != null && !memberThrough.isBefore(LocalDate.of(year, 12, 31));
        requirements.add(new Requirement("membership", member,
                memberThrough == null ? "no active membership" : "member through " + memberThrough));
        return new YearProgress(year, List.copyOf(requirements));
    }

    private static Requirement hours(String name, BigDecimal done, int needed, String unit) {
        boolean met = done.compareTo(BigDecimal.valueOf(needed)) >= 0;
        return new Requirement(name, met, done.stripTrailingZeros().toPlainString() + " of " + needed + " " + unit);
    }
}
