-- The portfolio as the applicant and reviewers read it; each entry as stored in its event.
CREATE TABLE portfolio_entry (
    application_id VARCHAR(64)  NOT NULL REFERENCES application_view (application_id),
    entry_id       VARCHAR(64)  NOT NULL,
    kind           VARCHAR(16)  NOT NULL,
    entry          JSONB        NOT NULL,
    recorded_at    TIMESTAMPTZ  NOT NULL,
    PRIMARY KEY (application_id, entry_id)
);

-- Endorsees who provide reflective supervision (IMHS, ECMHS, IMHM-C, ECMHM-C), and since when.
CREATE TABLE supervision_provider (
    endorsement_number VARCHAR(32) PRIMARY KEY,
    tenant_id          VARCHAR(32) NOT NULL,
    category           VARCHAR(16) NOT NULL,
    endorsed_since     DATE        NOT NULL
);

-- One category in progress per applicant: a second start fails in the transaction that would store it.
CREATE UNIQUE INDEX one_application_in_progress ON application_view (tenant_id, person_id)
    WHERE status IN ('DRAFT', 'SUBMITTED', 'IN_REVIEW');
