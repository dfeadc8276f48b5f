package org.iecmh.endorsement.application.casefile;

import org.iecmh.endorsement.application.requirements.CategoryRequirements;
import org.iecmh.endorsement.contracts.Category;
import org.iecmh.endorsement.kit.web.DomainRuleViolation;

/**
 * What every part of an application decides with: whose it is, in which category, where it stands, and the rules
 * every part shares about that. The aggregate root keeps these facts; its members (portfolio, references, review,
 * exam) ask it, and keep only their own state.
 */
public interface CaseFacts {

    String applicationId();

    String tenantId();

    /** The applicant. */
    String personId();

    Category category();

    ApplicationStatus status();

    /** The requirements it was (again) handed in under; null while a draft. */
    CategoryRequirements requirements();

    /** Whether {@code subject} is one of the portfolio's reviewers. */
    boolean reviewedBy(String subject);

    /** The portfolio and its raters change only while the applicant holds it: a draft, or returned by the reviewers. */
    default void requireDraft() {
        if (status() != ApplicationStatus.DRAFT && status() != ApplicationStatus.RETURNED) {
            throw new DomainRuleViolation("portfolio-closed",
                    "Application " + applicationId() + " is " + status() + "; its portfolio can no longer change");
        }
    }

    /** Nothing changes once the application is decided. */
    default void requireOpen() {
        if (status().isFinal()) {
            throw new DomainRuleViolation("application-decided",
                    "Application " + applicationId() + " is " + status() + " already");
        }
    }
}
