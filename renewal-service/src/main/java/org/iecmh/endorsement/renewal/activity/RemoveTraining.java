package org.iecmh.endorsement.renewal.activity;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** The endorsee takes back a logged training; {@code onlyIfRecorded} as in {@link CorrectTraining}. */
public record RemoveTraining(@TargetAggregateIdentifier String endorsementNumber, String entryId,
                             boolean onlyIfRecorded) {
}
