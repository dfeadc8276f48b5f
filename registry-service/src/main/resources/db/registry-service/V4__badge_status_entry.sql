-- Each badge's place in its association's Bitstring Status Lists (one for revocation, one for suspension): an index
-- drawn at random when the endorsement's badge is first issued by that association, so that neighbouring indexes
-- say nothing about who holds them. Issuer state, not a projection: a registry rebuild leaves it as it is.
CREATE TABLE badge_status_entry (
    tenant_id          VARCHAR(32) NOT NULL,
    endorsement_number VARCHAR(32) NOT NULL,
    status_index       INTEGER     NOT NULL,
    PRIMARY KEY (tenant_id, endorsement_number),
    UNIQUE (tenant_id, status_index)
);
