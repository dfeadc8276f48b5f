package org.iecmh.endorsement.application.review;

/** What a reviewer recommends. Deferral returns the portfolio to the applicant with comments. */
public enum ReviewDecision {
    APPROVE, DEFER, HOLD
}
