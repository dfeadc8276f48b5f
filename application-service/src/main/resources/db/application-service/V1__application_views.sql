-- Read side of application-service. The event store itself lives in service-kit's tables.

CREATE TABLE endorsement_number_counter (
    tenant_id   VARCHAR(32) PRIMARY KEY,
    last_number BIGINT      NOT NULL
);

CREATE TABLE application_view (
    application_id     VARCHAR(64)  PRIMARY KEY,
    tenant_id          VARCHAR(32)  NOT NULL,
    person_id          VARCHAR(255) NOT NULL,
    applicant_name     VARCHAR(255) NOT NULL,
    category           VARCHAR(16)  NOT NULL,
    status             VARCHAR(16)  NOT NULL,
    invoice_id         VARCHAR(64),
    endorsement_number VARCHAR(32),
    valid_through      DATE,
    updated_at         TIMESTAMPTZ  NOT NULL
);
CREATE INDEX application_view_by_tenant ON application_view (tenant_id, status);
