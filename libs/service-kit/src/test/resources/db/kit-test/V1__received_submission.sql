CREATE TABLE received_submission (
    application_id VARCHAR(64) NOT NULL,
    tenant_id      VARCHAR(32) NOT NULL
);
