package org.iecmh.endorsement.association.record;

import org.iecmh.endorsement.contracts.association.Association;

/** An association was added; every event of the stream carries the whole record as it then stands. */
public record AssociationCreated(String code, Association record) implements RecordChanged {
}
