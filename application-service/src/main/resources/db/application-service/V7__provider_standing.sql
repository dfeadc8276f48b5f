-- Lapses, revocations, inactivity and reactivations of endorsements, from renewal-service's events: with the day
-- each provider was endorsed, they say whether a supervision session's provider was endorsed on its date.
-- Kept apart from the read models rebuilt from this service's own events.
CREATE TABLE provider_standing (
    event_id           VARCHAR(255) PRIMARY KEY,
    endorsement_number VARCHAR(32)  NOT NULL,
    changed_on         DATE         NOT NULL,
    active             BOOLEAN      NOT NULL
);
CREATE INDEX provider_standing_by_number ON provider_standing (endorsement_number, changed_on);
