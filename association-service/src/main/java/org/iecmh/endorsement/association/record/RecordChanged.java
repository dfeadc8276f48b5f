package org.iecmh.endorsement.association.record;

import org.iecmh.endorsement.contracts.association.Association;

/** An event of an association's stream: each carries the whole record as the change left it. */
public sealed interface RecordChanged permits AssociationCreated, ProfileChanged, PolicyVersionAdded {

    String code();

    Association record();
}
