package org.iecmh.endorsement.contracts.association;

import java.time.LocalDate;

/**
 * When an endorsement valid through {@code closesOn} may be renewed: from {@code opensOn} to {@code closesOn}, and
 * late (with the late fee) until {@code lapsesAfter}; the day after that it lapses.
 */
public record RenewalWindow(LocalDate opensOn, LocalDate closesOn, LocalDate lapsesAfter) {

    public boolean isOpenOn(LocalDate day) {
        return !day.isBefore(opensOn) && !day.isAfter(lapsesAfter);
    }

    public boolean isLateOn(LocalDate day) {
        return day.isAfter(closesOn) && !day.isAfter(lapsesAfter);
    }

    public boolean hasLapsedOn(LocalDate day) {
        return day.isAfter(lapsesAfter);
    }
}
