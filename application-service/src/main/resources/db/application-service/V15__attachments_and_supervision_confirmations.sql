-- The files attached to portfolio entries (read model, rebuilt from the events): what the store keeps of each, and
-- removed_at once taken off (the file stays in the store and in the person's export, as the history names it).
CREATE TABLE attachment (
    application_id VARCHAR(64)  NOT NULL REFERENCES application_view (application_id),
    attachment_id  VARCHAR(64)  NOT NULL,
    entry_id       VARCHAR(64)  NOT NULL,
    tenant_id      VARCHAR(32)  NOT NULL,
    file_name      VARCHAR(255) NOT NULL,
    object_key     VARCHAR(900) NOT NULL,
    size           BIGINT       NOT NULL,
    content_type   VARCHAR(100) NOT NULL,
    sha256         CHAR(64)     NOT NULL,
    attached_at    TIMESTAMPTZ  NOT NULL,
    attached_by    VARCHAR(255),
    removed_at     TIMESTAMPTZ,
    PRIMARY KEY (application_id, attachment_id)
);
CREATE INDEX attachment_by_object_key ON attachment (object_key);

-- The requests to supervision providers to confirm the sessions logged with them (read model): REQUESTED until the
-- provider answers, then CONFIRMED (as logged) or CORRECTED (with their corrections).
CREATE TABLE supervision_confirmation (
    confirmation_id  VARCHAR(64)  PRIMARY KEY,
    application_id   VARCHAR(64)  NOT NULL REFERENCES application_view (application_id),
    tenant_id        VARCHAR(32)  NOT NULL,
    provider_number  VARCHAR(32)  NOT NULL,
    provider_name    VARCHAR(255) NOT NULL,
    provider_email   VARCHAR(254) NOT NULL,
    entry_ids        JSONB        NOT NULL,
    status           VARCHAR(16)  NOT NULL,
    corrections      JSONB        NOT NULL DEFAULT '[]',
    link_expires_at  TIMESTAMPTZ  NOT NULL,
    requested_at     TIMESTAMPTZ  NOT NULL,
    answered_at      TIMESTAMPTZ
);
CREATE INDEX supervision_confirmation_by_application ON supervision_confirmation (application_id, requested_at);

-- The links mailed to providers: only the SHA-256 hash of each secret. Not a read model (the secrets are in no
-- event), so a rebuild leaves it alone.
CREATE TABLE supervision_link (
    token_hash      CHAR(64)     PRIMARY KEY,
    confirmation_id VARCHAR(64)  NOT NULL,
    application_id  VARCHAR(64)  NOT NULL,
    tenant_id       VARCHAR(32)  NOT NULL,
    expires_at      TIMESTAMPTZ  NOT NULL,
    issued_at       TIMESTAMPTZ  NOT NULL
);
