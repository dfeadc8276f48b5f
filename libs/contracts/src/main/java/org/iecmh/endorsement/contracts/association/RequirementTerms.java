package org.iecmh.endorsement.contracts.association;

import java.util.List;

/**
 * The words a requirement rule is written in, as configuration and the record spell them (lower case, hyphens):
 * application-service maps each to its own type.
 */
public final class RequirementTerms {

    public static final List<String> DEGREES = List.of("associate", "bachelor", "master", "doctorate");
    /** The domains of the Competency Guidelines; Mentors add Administration and Research and Evaluation. */
    public static final List<String> COMPETENCY_DOMAINS = List.of("theoretical-foundations",
            "law-regulation-and-agency-policy", "systems-expertise", "direct-service-skills", "working-with-others",
            "communicating", "thinking", "reflection", "administration", "research-and-evaluation");
    public static final List<String> RATER_RELATIONSHIPS = List.of("current-supervisor", "rsc-provider", "other");
    public static final List<String> WORK_ACTIVITIES = List.of("providing-rsc", "leadership");

    private RequirementTerms() {
    }

    /** The name of the Java enum constant a term maps to: {@code rsc-provider} is {@code RSC_PROVIDER}. */
    public static String constantName(String term) {
        return term.replace('-', '_').toUpperCase(java.util.Locale.ROOT);
    }
}
