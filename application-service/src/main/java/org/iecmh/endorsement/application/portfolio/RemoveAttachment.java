package org.iecmh.endorsement.application.portfolio;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Take an attachment off its entry; {@code byStaff} as in {@link AttachFile}. */
public record RemoveAttachment(@TargetAggregateIdentifier String applicationId, String attachmentId,
                               boolean byStaff) {
}
