package org.iecmh.endorsement.contracts.association;

import java.time.LocalDate;
import java.util.List;

/** Requirements that take effect on a day; a version restates the categories it changes. */
public record RequirementVersion(LocalDate effectiveFrom, List<RequirementRule> rules) implements Versioned {

    public RequirementVersion {
        rules = rules == null ? List.of() : List.copyOf(rules);
    }
}
