-- How each person chose to be mailed in their association, as it now stands (MailPreferences' latest event). Kept by
-- MailPreferenceRecords in the transaction that stores the events; rebuilt from them on request.
CREATE TABLE mail_preferences (
    tenant_id     VARCHAR(32)  NOT NULL,
    person        VARCHAR(255) NOT NULL,
    email_address VARCHAR(320),
    language      VARCHAR(8),
    changed_at    TIMESTAMPTZ  NOT NULL,
    PRIMARY KEY (tenant_id, person)
);
