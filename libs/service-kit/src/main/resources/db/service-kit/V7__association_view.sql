-- The latest record of each association this service has received (AssociationChanged): a service's local view of
-- the associations, kept by service-kit's Associations where the service turns it on.
CREATE TABLE association_view (
    code        VARCHAR(32)  NOT NULL PRIMARY KEY,
    sequence    BIGINT       NOT NULL,
    changed_at  TIMESTAMPTZ  NOT NULL,
    changed_by  VARCHAR(255) NOT NULL,
    record      JSONB        NOT NULL
);
