-- The evidence of a renewal's hours (files kept in the file store) and the renewal audits, as the evidence feature's
-- projection keeps them from the Endorsement's events; rebuilt from the event store like any read model.
CREATE TABLE renewal_evidence (
    attachment_id      TEXT PRIMARY KEY,
    endorsement_number TEXT        NOT NULL,
    -- The event's place in the endorsement's stream: the order the files were attached in.
    sequence_number    BIGINT      NOT NULL,
    valid_through      DATE        NOT NULL,
    year               INTEGER     NOT NULL,
    file_name          TEXT        NOT NULL,
    object_key         TEXT        NOT NULL,
    size               BIGINT      NOT NULL,
    content_type       TEXT        NOT NULL,
    sha256             TEXT        NOT NULL,
    -- The association whose part of the file store holds the file (the one that held the endorsement then).
    stored_in          TEXT        NOT NULL,
    attached_by        TEXT        NOT NULL,
    attached_at        TIMESTAMPTZ NOT NULL,
    -- ATTACHED, ACCEPTED, RETURNED or REPLACED.
    state              TEXT        NOT NULL,
    return_reason      TEXT,
    replaces           TEXT
);

CREATE INDEX renewal_evidence_by_endorsement ON renewal_evidence (endorsement_number, sequence_number);

CREATE TABLE renewal_audit (
    endorsement_number TEXT    NOT NULL,
    valid_through      DATE    NOT NULL,
    audit_percent      INTEGER NOT NULL,
    draw               INTEGER NOT NULL,
    sampled_on         DATE    NOT NULL,
    -- OPEN or CLOSED.
    state              TEXT    NOT NULL,
    closed_on          DATE,
    PRIMARY KEY (endorsement_number, valid_through)
);

CREATE INDEX renewal_audit_open ON renewal_audit (state, sampled_on) WHERE state = 'OPEN';
