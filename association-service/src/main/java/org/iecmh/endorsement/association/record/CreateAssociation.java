package org.iecmh.endorsement.association.record;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.iecmh.endorsement.contracts.association.Association;

/** A platform admin adds an association with its whole record; the record's code names its stream. */
public record CreateAssociation(@TargetAggregateIdentifier String code, Association record) {
}
