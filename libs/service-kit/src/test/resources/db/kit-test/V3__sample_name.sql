CREATE TABLE sample_name (
    id        VARCHAR(64)  NOT NULL PRIMARY KEY,
    tenant_id VARCHAR(32)  NOT NULL,
    name      VARCHAR(255) NOT NULL
);
