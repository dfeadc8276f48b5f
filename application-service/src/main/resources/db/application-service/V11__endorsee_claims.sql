-- Endorsements their endorsee claimed (renewal-service's EndorsementClaimed): the subject that holds each from then
-- on. Kept apart from the endorsee read model, which a rebuild fills again from this service's own events: the claim
-- is recorded elsewhere, so it must outlive the rebuild.
CREATE TABLE endorsee_claim (
    endorsement_number VARCHAR(32)  PRIMARY KEY,
    tenant_id          VARCHAR(32)  NOT NULL,
    subject            VARCHAR(255) NOT NULL,
    claimed_at         TIMESTAMPTZ  NOT NULL
);
