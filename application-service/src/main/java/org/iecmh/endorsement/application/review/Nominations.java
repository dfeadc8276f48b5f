package org.iecmh.endorsement.application.review;

import org.iecmh.endorsement.application.policy.TenantPolicies;
import org.iecmh.endorsement.application.submission.ApplicationView;
import org.iecmh.endorsement.application.submission.ApplicationViews;
import org.iecmh.endorsement.contracts.Category;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.LocalDate;
import java.util.List;

/**
 * Turns the people a coordinator names (as reviewers or exam scorers) into the endorsements that qualify them for
 * an application today, from the local view of endorsements and their standing; {@link ReviewerEligibility} decides.
 */
@Component
public class Nominations {

    private final ApplicationViews views;
    private final TenantPolicies policies;
    private final Clock clock;

    Nominations(ApplicationViews views, TenantPolicies policies, Clock clock) {
        this.views = views;
        this.policies = policies;
        this.clock = clock;
    }

    public List<Reviewer> nominate(List<String> subjects, ApplicationView application) {
        LocalDate today = policies.today(application.tenantId(), clock);
        Category applied = Category.fromAbbreviation(application.category());
        return subjects.stream().map(String::strip).map(subject -> ReviewerEligibility.nominate(subject,
                views.endorsementsOf(application.tenantId(), subject, today), applied)).toList();
    }
}
