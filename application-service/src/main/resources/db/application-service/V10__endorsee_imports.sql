-- Endorsees imported from the association's file: known by email until they have an account, and what their row
-- said (a SHA-256 of its values), so that the same row imported again is recognised as unchanged.
ALTER TABLE endorsee ADD COLUMN email VARCHAR(254);
ALTER TABLE endorsee ADD COLUMN import_fingerprint CHAR(64);

-- Each import of a file: who started it, the file's SHA-256, and how far it got. Row problems as
-- [{line, column, rule, message}], the file's order.
CREATE TABLE endorsee_import (
    import_id    VARCHAR(64)  PRIMARY KEY,
    tenant_id    VARCHAR(32)  NOT NULL,
    imported_by  VARCHAR(255) NOT NULL,
    file_sha256  CHAR(64)     NOT NULL,
    started_at   TIMESTAMPTZ  NOT NULL,
    finished_at  TIMESTAMPTZ,
    total        INTEGER      NOT NULL,
    done         INTEGER      NOT NULL DEFAULT 0,
    imported     INTEGER      NOT NULL DEFAULT 0,
    unchanged    INTEGER      NOT NULL DEFAULT 0,
    failed       INTEGER      NOT NULL DEFAULT 0,
    problems     JSONB        NOT NULL DEFAULT '[]'
);
CREATE INDEX endorsee_import_by_tenant ON endorsee_import (tenant_id, started_at);
