CREATE TABLE invoice_view (
    invoice_id     VARCHAR(80)  PRIMARY KEY,
    tenant_id      VARCHAR(32)  NOT NULL,
    person_id      VARCHAR(255) NOT NULL,
    application_id VARCHAR(64),
    lines          JSONB        NOT NULL,
    total_cents    BIGINT       NOT NULL,
    paid_cents     BIGINT       NOT NULL,
    currency       CHAR(3)      NOT NULL,
    status         VARCHAR(16)  NOT NULL,
    due_on         DATE         NOT NULL
);
CREATE INDEX invoice_view_by_application ON invoice_view (tenant_id, application_id);
