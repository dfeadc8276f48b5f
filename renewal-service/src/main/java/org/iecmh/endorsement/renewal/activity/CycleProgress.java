package org.iecmh.endorsement.renewal.activity;

import org.iecmh.endorsement.renewal.requirements.LoggedActivity;
import org.iecmh.endorsement.renewal.requirements.YearProgress;

import java.time.LocalDate;
import java.util.List;

/** Per year of the cycle what is met and what is missing, and every logged entry with its id to correct it by. */
public record CycleProgress(String endorsementNumber, LocalDate validThrough, boolean met, List<YearProgress> years,
                            List<LoggedActivity> entries) {
}
