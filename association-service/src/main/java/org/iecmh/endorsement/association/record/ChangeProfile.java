package org.iecmh.endorsement.association.record;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** The association's admin changes what it says of itself ({@link Profile}); in effect at once. */
public record ChangeProfile(@TargetAggregateIdentifier String code, Profile profile) {
}
