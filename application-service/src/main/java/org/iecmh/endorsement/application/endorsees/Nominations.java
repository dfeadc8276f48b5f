package org.iecmh.endorsement.application.endorsees;

import org.iecmh.endorsement.application.review.HeldEndorsement;
import org.iecmh.endorsement.application.review.Reviewer;
import org.iecmh.endorsement.application.policy.ReviewerEligibility;
import org.iecmh.endorsement.application.policy.TenantPolicies;
import org.iecmh.endorsement.application.casefile.ApplicationView;
import org.iecmh.endorsement.contracts.Category;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Turns the people a coordinator names (as reviewers or exam scorers) into the endorsements that qualify them for
 * an application today, from the local view of endorsements and their standing; {@link ReviewerEligibility} decides.
 */
@Component
public class Nominations {

    private final Endorsees endorsees;
    private final TenantPolicies policies;
    private final Clock clock;

    Nominations(Endorsees endorsees, TenantPolicies policies, Clock clock) {
        this.endorsees = endorsees;
        this.policies = policies;
        this.clock = clock;
    }

    /** A person who may review the application today, with the endorsement (and its category) that qualifies them. */
    public record EligibleReviewer(String subject, String name, String endorsementNumber, String category) {
    }

    /**
     * Everyone the coordinator may name as a reviewer of the application today, by name: the association's endorsees
     * whom {@link ReviewerEligibility} would accept.
     */
    public List<EligibleReviewer> eligible(ApplicationView application) {
        LocalDate today = policies.today(application.tenantId(), clock);
        Category applied = Category.fromAbbreviation(application.category());
        Map<String, List<HeldEndorsement>> held = new LinkedHashMap<>();
        Map<String, String> names = new LinkedHashMap<>();
        for (Endorsees.NamedEndorsement e : endorsees.endorsements(application.tenantId(), today)) {
            held.computeIfAbsent(e.subject(), s -> new ArrayList<>()).add(e.endorsement());
            if (e.name() != null) {
                names.putIfAbsent(e.subject(), e.name());
            }
        }
        return held.entrySet().stream()
                .map(person -> ReviewerEligibility.qualifying(person.getKey(), person.getValue(), applied,
                        application.personId()))
                .flatMap(Optional::stream)
                .map(r -> new EligibleReviewer(r.subject(), names.get(r.subject()), r.endorsementNumber(),
                        r.category().abbreviation()))
                .toList();
    }

    public List<Reviewer> nominate(List<String> subjects, ApplicationView application) {
        LocalDate today = policies.today(application.tenantId(), clock);
        Category applied = Category.fromAbbreviation(application.category());
        return subjects.stream().map(String::strip).map(subject -> ReviewerEligibility.nominate(subject,
                endorsees.endorsementsOf(application.tenantId(), subject, today), applied)).toList();
    }
}
