-- How each person chose to be mailed in the association (association-service's MailPreferencesChanged): the address
-- that takes every mail meant for them and the language it is written in, either null when they chose none. Kept by
-- service-kit's MailPreferences, the newest choice by its sequence.
CREATE TABLE mail_preference (
    tenant_id     VARCHAR(32)  NOT NULL,
    person        VARCHAR(255) NOT NULL,
    email_address VARCHAR(320),
    language      VARCHAR(8),
    sequence      BIGINT       NOT NULL,
    changed_at    TIMESTAMPTZ  NOT NULL,
    PRIMARY KEY (tenant_id, person)
);
