package org.iecmh.endorsement.application.portfolio;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.Instant;
import java.util.List;

/**
 * The provider, by their link, answers: each session as they state it ({@code sessions}, none to confirm every session
 * as logged); a session stated as logged is no correction.
 */
public record AnswerSupervisionConfirmation(@TargetAggregateIdentifier String applicationId, String confirmationId,
                                            List<SessionCorrection> sessions, Instant answeredAt) {
}
