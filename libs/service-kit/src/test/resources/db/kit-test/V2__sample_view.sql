CREATE TABLE sample_view (
    id         VARCHAR(64)  NOT NULL PRIMARY KEY,
    tenant_id  VARCHAR(32)  NOT NULL,
    person_id  VARCHAR(255) NOT NULL,
    name       VARCHAR(255) NOT NULL,
    updated_at TIMESTAMPTZ  NOT NULL
);
