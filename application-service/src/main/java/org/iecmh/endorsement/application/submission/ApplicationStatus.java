package org.iecmh.endorsement.application.submission;

/** Where an application stands, in the order it normally moves. */
public enum ApplicationStatus {
    /** Started; the applicant is building the portfolio. */
    DRAFT,
    /** Handed in; waiting for the fees. */
    SUBMITTED,
    /** Fees paid; coordinators and reviewers are at work. */
    IN_REVIEW,
    /** Both reviewers hold it; it waits in review. */
    ON_HOLD,
    /** Both reviewers deferred it: back with the applicant, with their comments, to be handed in again. */
    RETURNED,
    /** Both reviewers approve; the decision is the coordinator's. */
    PORTFOLIO_APPROVED,
    /** Approved: the endorsement is granted. */
    GRANTED,
    /** The association decided against it, with reasons. */
    DENIED,
    /** The applicant stopped. */
    WITHDRAWN;

    /** Whether the application has ended, one way or another. */
    public boolean isFinal() {
        return this == GRANTED || this == DENIED || this == WITHDRAWN;
    }
}
