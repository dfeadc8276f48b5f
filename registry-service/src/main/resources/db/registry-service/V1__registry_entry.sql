-- The public registry: only what a registry shows, plus the folded name it is searched by.
CREATE TABLE registry_entry (
    endorsement_number VARCHAR(32)  PRIMARY KEY,
    tenant_id          VARCHAR(32)  NOT NULL,
    name               VARCHAR(255) NOT NULL,
    name_folded        VARCHAR(255) NOT NULL,
    category           VARCHAR(16)  NOT NULL,
    state              VARCHAR(3)   NOT NULL,
    endorsed_since     DATE         NOT NULL,
    valid_through      DATE         NOT NULL
);
CREATE INDEX registry_entry_by_name ON registry_entry (name_folded text_pattern_ops);
CREATE INDEX registry_entry_by_state ON registry_entry (state, name_folded);
