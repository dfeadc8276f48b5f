-- Tamper evidence (see EventChain): every stored event carries a SHA-256 hash over its canonical form and the hash
-- of the previous event of the same aggregate; the newest link of each aggregate's chain is kept apart, so that
-- deleting the last events of a stream is noticed too. Written in the transaction that stores the events.
ALTER TABLE domain_event_entry ADD COLUMN chain_hash VARCHAR(64);

CREATE TABLE event_chain_head (
    aggregate_identifier VARCHAR(255) NOT NULL,
    aggregate_type       VARCHAR(255),
    tenant_id            VARCHAR(64),
    sequence_number      BIGINT       NOT NULL,
    event_identifier     VARCHAR(255) NOT NULL,
    chain_hash           VARCHAR(64)  NOT NULL,
    PRIMARY KEY (aggregate_identifier)
);
CREATE INDEX event_chain_head_tenant ON event_chain_head (tenant_id, aggregate_type, aggregate_identifier);

-- The aggregates whose events name a person (a personId field in the payload), for a person's history.
CREATE TABLE audit_person_stream (
    person_id            VARCHAR(255) NOT NULL,
    aggregate_identifier VARCHAR(255) NOT NULL,
    aggregate_type       VARCHAR(255),
    PRIMARY KEY (person_id, aggregate_identifier)
);

-- Rebuilds of read models: one runs at a time per read model across all instances, its progress readable anywhere.
CREATE TABLE read_model_rebuild (
    id           VARCHAR(64)  NOT NULL,
    read_model   VARCHAR(100) NOT NULL,
    owner        VARCHAR(255) NOT NULL,
    status       VARCHAR(16)  NOT NULL,
    processed    BIGINT       NOT NULL,
    head         BIGINT       NOT NULL,
    started_at   TIMESTAMPTZ  NOT NULL,
    heartbeat_at TIMESTAMPTZ  NOT NULL,
    finished_at  TIMESTAMPTZ,
    error        TEXT,
    PRIMARY KEY (id)
);
CREATE UNIQUE INDEX read_model_rebuild_one_running ON read_model_rebuild (read_model) WHERE status = 'RUNNING';
