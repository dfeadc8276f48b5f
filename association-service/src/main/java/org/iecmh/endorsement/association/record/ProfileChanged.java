package org.iecmh.endorsement.association.record;

import org.iecmh.endorsement.contracts.association.Association;

/** The association's profile changed; {@code record} is the whole record after the change. */
public record ProfileChanged(String code, Association record) implements RecordChanged {
}
