-- An applicant applies in the state where they live, and gives an address to be written to.
ALTER TABLE application_view ADD COLUMN contact_email VARCHAR(254);
ALTER TABLE application_view ADD COLUMN state_of_residence CHAR(2);

-- The raters an applicant named (read model, rebuilt from the events) in the order they were named: replaced_by is
-- set once another took their place, rating once they sent the form.
CREATE TABLE reference (
    position        BIGSERIAL,
    reference_id    VARCHAR(64)  PRIMARY KEY,
    application_id  VARCHAR(64)  NOT NULL,
    tenant_id       VARCHAR(32)  NOT NULL,
    rater_name      VARCHAR(255) NOT NULL,
    email           VARCHAR(254) NOT NULL,
    relationship    VARCHAR(32)  NOT NULL,
    waives_access   BOOLEAN      NOT NULL,
    form_version    INTEGER      NOT NULL,
    link_expires_at TIMESTAMPTZ  NOT NULL,
    named_at        TIMESTAMPTZ  NOT NULL,
    replaced_by     VARCHAR(64),
    rating          JSONB,
    completed_at    TIMESTAMPTZ
);
CREATE INDEX reference_by_application ON reference (application_id, position);

-- The links mailed to raters: only the SHA-256 hash of each link's secret, never the secret. Not a read model
-- (the secrets are in no event), so a rebuild leaves it alone. A link sent again supersedes the earlier one.
CREATE TABLE reference_link (
    token_hash     CHAR(64)     PRIMARY KEY,
    reference_id   VARCHAR(64)  NOT NULL,
    application_id VARCHAR(64)  NOT NULL,
    tenant_id      VARCHAR(32)  NOT NULL,
    expires_at     TIMESTAMPTZ  NOT NULL,
    issued_at      TIMESTAMPTZ  NOT NULL,
    superseded_at  TIMESTAMPTZ
);
CREATE INDEX reference_link_by_reference ON reference_link (reference_id);
