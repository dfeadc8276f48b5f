CREATE TABLE endorsement_view (
    endorsement_number VARCHAR(32)  PRIMARY KEY,
    tenant_id          VARCHAR(32)  NOT NULL,
    person_id          VARCHAR(255) NOT NULL,
    endorsee_name      VARCHAR(255) NOT NULL,
    category           VARCHAR(16)  NOT NULL,
    status             VARCHAR(16)  NOT NULL,
    endorsed_since     DATE         NOT NULL,
    valid_through      DATE         NOT NULL
);
