package org.iecmh.endorsement.renewal.reminders;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** The endorsee says where renewal reminders should reach them. */
public record RecordEmailAddress(@TargetAggregateIdentifier String endorsementNumber, String emailAddress) {
}
