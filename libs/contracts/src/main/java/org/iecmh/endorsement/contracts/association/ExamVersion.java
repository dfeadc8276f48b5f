package org.iecmh.endorsement.contracts.association;

import java.time.LocalDate;

/**
 * The exam's pass mark for every part, how long a candidate who failed waits to sit it again, and whether the
 * application's own reviewers may also score its exam (not by default: scoring is blind).
 */
public record ExamVersion(LocalDate effectiveFrom, Integer passPercent, Integer retakeAfterMonths,
                          Boolean reviewersMayScore) implements Versioned {

    public boolean ownReviewersMayScore() {
        return Boolean.TRUE.equals(reviewersMayScore);
    }

    public int passMark() {
        return passPercent == null ? 80 : passPercent;
    }

    public int retakeMonths() {
        return retakeAfterMonths == null ? 12 : retakeAfterMonths;
    }
}
