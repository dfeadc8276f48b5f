-- The conversation per section between the applicant and the association's staff.
CREATE TABLE section_comment (
    application_id VARCHAR(64)  NOT NULL REFERENCES application_view (application_id),
    comment_id     VARCHAR(64)  NOT NULL,
    section        VARCHAR(32)  NOT NULL,
    author         VARCHAR(255) NOT NULL,
    author_role    VARCHAR(32)  NOT NULL,
    text           TEXT         NOT NULL,
    written_at     TIMESTAMPTZ  NOT NULL,
    PRIMARY KEY (application_id, comment_id)
);
