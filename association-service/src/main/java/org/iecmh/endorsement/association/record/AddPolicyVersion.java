package org.iecmh.endorsement.association.record;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.iecmh.endorsement.contracts.association.Versioned;

import java.time.Instant;

/**
 * The association's admin adds a version of one policy part, in effect from its day; {@code now} is when it is asked
 * (the day it falls on in the association's time zone is the earliest a version may start).
 */
public record AddPolicyVersion(@TargetAggregateIdentifier String code, PolicyPart part, Versioned version,
                               Instant now) {
}
