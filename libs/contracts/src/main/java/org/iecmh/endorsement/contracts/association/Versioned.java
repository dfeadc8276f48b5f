package org.iecmh.endorsement.contracts.association;

import java.time.LocalDate;

/** A version of a policy part: in force from its day (the association's day) until the next version's. */
public interface Versioned {

    LocalDate effectiveFrom();
}
