package org.iecmh.endorsement.association.record;

import org.iecmh.endorsement.contracts.association.Association;

import java.time.LocalDate;

/**
 * A version of {@code part} was added, in effect from {@code effectiveFrom}; {@code record} is the whole record after
 * the change (so that the stream read to any instant gives the policy as it was then recorded).
 */
public record PolicyVersionAdded(String code, PolicyPart part, LocalDate effectiveFrom, Association record)
        implements RecordChanged {
}
