package org.iecmh.endorsement.application.submission;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.iecmh.endorsement.application.requirements.CategoryRequirements;

import java.time.LocalDate;
import java.util.Map;

/**
 * Hands the portfolio in, to be judged by the requirements in effect {@code on} that day. The caller looks up, in
 * its local view of the registry, since when each named supervision provider is endorsed.
 */
public record SubmitApplication(@TargetAggregateIdentifier String applicationId, CategoryRequirements requirements,
                                Map<String, LocalDate> providersEndorsedSince, LocalDate on) {
}
