-- Integration events a consumer has handled, written in the same transaction as the handler's effect,
-- so that a redelivered message changes nothing.
CREATE TABLE inbox (
    consumer    VARCHAR(200) NOT NULL,
    event_id    VARCHAR(255) NOT NULL,
    event_type  VARCHAR(255) NOT NULL,
    tenant_id   VARCHAR(32)  NOT NULL,
    received_at TIMESTAMPTZ  NOT NULL,
    PRIMARY KEY (consumer, event_id)
);
