package org.iecmh.endorsement.renewal.activity;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** The endorsee takes back a logged session; {@code onlyIfRecorded} as in {@link CorrectTraining}. */
public record RemoveReflectiveSupervision(@TargetAggregateIdentifier String endorsementNumber, String entryId,
                                          boolean onlyIfRecorded) {
}
