package org.iecmh.endorsement.application.submission;

import org.iecmh.endorsement.kit.web.DomainRuleViolation;

/**
 * The association's rule that applicants are members before they apply (its membership version's
 * {@code requiredToApply}; Washington: "become a member first"), and whether the applicant is one on the day they
 * start.
 */
public record MembershipToApply(boolean required, boolean member) {

    /** An association that does not ask applicants to be members. */
    public static final MembershipToApply NOT_REQUIRED = new MembershipToApply(false, false);

    /** Refuses with {@code membership-required} where the association asks a membership the applicant lacks. */
    public void requireMet(String associationName) {
        if (required && !member) {
            throw new DomainRuleViolation("membership-required", associationName
                    + " asks applicants to become members before they apply: no membership is in force today");
        }
    }
}
