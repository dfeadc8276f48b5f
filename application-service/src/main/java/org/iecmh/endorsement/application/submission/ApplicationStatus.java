package org.iecmh.endorsement.application.submission;

/** Where an application stands, in the order it normally moves. */
public enum ApplicationStatus {
    /** Started; the applicant is building the portfolio. */
    DRAFT,
    /** Handed in; waiting for the fees. */
    SUBMITTED,
    /** Fees paid; coordinators and reviewers are at work. */
    IN_REVIEW,
    /** Approved: the endorsement is granted. */
    GRANTED
}
