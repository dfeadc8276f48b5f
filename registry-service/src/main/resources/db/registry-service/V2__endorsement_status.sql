-- Every endorsement stays, whatever its status, so that its number can be verified; the search shows active ones.
-- changed_at is when the latest applied change took effect: an older change that arrives late is not applied.
ALTER TABLE registry_entry
    ADD COLUMN status         VARCHAR(16) NOT NULL DEFAULT 'ACTIVE',
    ADD COLUMN status_since   DATE,
    ADD COLUMN changed_at     TIMESTAMPTZ,
    ADD COLUMN transferred_to VARCHAR(32);
UPDATE registry_entry SET status_since = endorsed_since, changed_at = endorsed_since;
ALTER TABLE registry_entry ALTER COLUMN status_since SET NOT NULL, ALTER COLUMN changed_at SET NOT NULL;

DROP INDEX registry_entry_by_state;
CREATE INDEX registry_entry_active_by_state ON registry_entry (state, name_folded) WHERE status = 'ACTIVE';
CREATE INDEX registry_entry_active_by_category ON registry_entry (category, name_folded) WHERE status = 'ACTIVE';

-- A change that arrived before the endorsement it is about (the grant travels on another topic): kept until the
-- grant, or the transfer that creates its number, arrives, then applied in the order the changes took effect.
CREATE TABLE registry_pending_change (
    event_id           VARCHAR(255) PRIMARY KEY,
    endorsement_number VARCHAR(32)  NOT NULL,
    event_type         VARCHAR(255) NOT NULL,
    effective_at       TIMESTAMPTZ  NOT NULL,
    event              TEXT         NOT NULL
);
CREATE INDEX registry_pending_change_by_number ON registry_pending_change (endorsement_number, effective_at);
