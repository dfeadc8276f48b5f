package org.iecmh.endorsement.application.casefile;

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
    /** Both reviewers approve; next the exam, for categories with one, and the coordinator's decision. */
    PORTFOLIO_APPROVED,
    /** Booked into an exam sitting. */
    EXAM_SCHEDULED,
    /** Failed the exam; may sit it again after the association's interval. */
    EXAM_FAILED,
    /** Passed the exam; the decision is the coordinator's. */
    EXAM_PASSED,
    /** Approved: the endorsement is granted. */
    GRANTED,
    /** The association decided against it, with reasons. */
    DENIED,
    /** The applicant stopped. */
    WITHDRAWN;

    /**
     * Whether a coordinator may grant it in this state: once both reviewers approved its portfolio, and for a
     * category with an exam ({@code exam}) once the exam is passed.
     */
    public boolean isDecidable(boolean exam) {
        return exam ? this == EXAM_PASSED : this == PORTFOLIO_APPROVED;
    }

    /** Whether the application has ended, one way or another. */
    public boolean isFinal() {
        return this == GRANTED || this == DENIED || this == WITHDRAWN;
    }
}
