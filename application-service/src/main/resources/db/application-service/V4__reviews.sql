-- Room for the review states (PORTFOLIO_APPROVED).
ALTER TABLE application_view ALTER COLUMN status TYPE VARCHAR(32);

-- Each assigned reviewer of an application and what they recorded, if anything yet.
CREATE TABLE review (
    application_id     VARCHAR(64)  NOT NULL REFERENCES application_view (application_id),
    reviewer           VARCHAR(255) NOT NULL,
    endorsement_number VARCHAR(32)  NOT NULL,
    decision           VARCHAR(16),
    comments           JSONB        NOT NULL DEFAULT '[]',
    recorded_at        TIMESTAMPTZ,
    PRIMARY KEY (application_id, reviewer)
);
CREATE INDEX review_by_reviewer ON review (reviewer);

-- Everyone endorsed, from grants here and endorsements an association recorded from before the platform:
-- who may review which categories.
CREATE TABLE endorsee (
    endorsement_number VARCHAR(32)  PRIMARY KEY,
    tenant_id          VARCHAR(32)  NOT NULL,
    subject            VARCHAR(255) NOT NULL,
    category           VARCHAR(16)  NOT NULL,
    level              INTEGER      NOT NULL,
    endorsed_since     DATE         NOT NULL
);
CREATE INDEX endorsee_by_subject ON endorsee (subject);

-- The reviewers' comments when they return a portfolio to the applicant.
ALTER TABLE application_view ADD COLUMN comments JSONB;

-- One category in progress: every application that has not ended.
DROP INDEX one_application_in_progress;
CREATE UNIQUE INDEX one_application_in_progress ON application_view (tenant_id, person_id)
    WHERE status NOT IN ('GRANTED', 'DENIED', 'WITHDRAWN');
