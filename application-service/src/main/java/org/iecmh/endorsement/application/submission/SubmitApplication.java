package org.iecmh.endorsement.application.submission;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.iecmh.endorsement.application.references.ReferenceRules;
import org.iecmh.endorsement.application.requirements.CategoryRequirements;
import org.iecmh.endorsement.application.requirements.EndorsedPeriod;
import org.iecmh.endorsement.application.requirements.JudgedBy;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/**
 * Hands the portfolio in, to be judged by the requirements in effect {@code on} that day and the association's rules
 * for references. The caller looks up, in its local view of endorsements, when each named supervision provider was
 * endorsed. {@code judgedBy}: which requirement version and association record state {@code requirements}.
 */
public record SubmitApplication(@TargetAggregateIdentifier String applicationId, CategoryRequirements requirements,
                                Map<String, List<EndorsedPeriod>> providerPeriods, LocalDate on,
                                ReferenceRules referenceRules, JudgedBy judgedBy) {
}
