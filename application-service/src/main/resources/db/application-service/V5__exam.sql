-- Each exam attempt: its sitting, the part scores once complete, the result and when a retake may be booked.
CREATE TABLE exam_attempt (
    application_id VARCHAR(64) NOT NULL REFERENCES application_view (application_id),
    attempt        INTEGER     NOT NULL,
    sitting_on     DATE        NOT NULL,
    parts          JSONB       NOT NULL,
    pass_percent   INTEGER     NOT NULL,
    scores_entered INTEGER     NOT NULL DEFAULT 0,
    part_scores    JSONB,
    result         VARCHAR(8),
    retake_from    DATE,
    PRIMARY KEY (application_id, attempt)
);
