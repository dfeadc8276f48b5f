-- A group payment as recorded, so that a retried request answers the same shares instead of splitting again.
CREATE TABLE group_payment (
    tenant_id        VARCHAR(32)  NOT NULL,
    group_payment_id VARCHAR(100) NOT NULL,
    payer            VARCHAR(200) NOT NULL,
    amount_cents     BIGINT       NOT NULL,
    currency         CHAR(3)      NOT NULL,
    method           VARCHAR(32)  NOT NULL,
    reference        VARCHAR(200),
    shares           JSONB        NOT NULL,
    recorded_at      TIMESTAMPTZ  NOT NULL,
    PRIMARY KEY (tenant_id, group_payment_id)
);
