package org.iecmh.endorsement.application.exam;

import org.iecmh.endorsement.application.review.Reviewer;

import java.util.List;

/** The two scorers of an attempt, and the code under which they see the candidate instead of a name. */
public record ScorersAssigned(String applicationId, String tenantId, int attempt, String candidateCode,
                              List<Reviewer> scorers) {
}
