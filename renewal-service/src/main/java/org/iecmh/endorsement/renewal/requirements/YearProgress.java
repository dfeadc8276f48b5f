package org.iecmh.endorsement.renewal.requirements;

import java.util.List;

/** One year of the cycle: each requirement, met or with what is missing. */
public record YearProgress(int year, List<Requirement> requirements) {

    public boolean met() {
        return requirements.stream().allMatch(Requirement::met);
    }
}
