-- Blind scoring: the code under which the scorers of an attempt see the candidate, and who scores it, with the
-- parts each has scored.
ALTER TABLE exam_attempt ADD COLUMN candidate_code VARCHAR(16);
CREATE UNIQUE INDEX exam_attempt_by_candidate_code ON exam_attempt (candidate_code);

CREATE TABLE exam_scorer (
    application_id     VARCHAR(64)  NOT NULL,
    attempt            INTEGER      NOT NULL,
    scorer             VARCHAR(255) NOT NULL,
    endorsement_number VARCHAR(32)  NOT NULL,
    scored_parts       JSONB        NOT NULL DEFAULT '[]',
    PRIMARY KEY (application_id, attempt, scorer),
    FOREIGN KEY (application_id, attempt) REFERENCES exam_attempt (application_id, attempt)
);
CREATE INDEX exam_scorer_by_scorer ON exam_scorer (scorer);
