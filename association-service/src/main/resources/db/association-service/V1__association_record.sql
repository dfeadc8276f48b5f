-- Each association's record as it now stands, with the sequence of the last change (the AssociationChanged it
-- published). Kept by AssociationRecords in the transaction that stores the events; rebuilt from them on request.
CREATE TABLE association_record (
    code        VARCHAR(32)  NOT NULL PRIMARY KEY,
    name        TEXT         NOT NULL,
    state       CHAR(2)      NOT NULL,
    sequence    BIGINT       NOT NULL,
    changed_at  TIMESTAMPTZ  NOT NULL,
    record      JSONB        NOT NULL
);
