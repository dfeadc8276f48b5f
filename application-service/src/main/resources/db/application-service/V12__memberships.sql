-- Memberships payment-service reported (MembershipActive): who is a member of the association on which days, for
-- associations that ask applicants to be members before they apply. A start is absent in reports from before
-- memberships had one.
CREATE TABLE membership (
    tenant_id      VARCHAR(32)  NOT NULL,
    person_id      VARCHAR(255) NOT NULL,
    invoice_id     VARCHAR(64)  NOT NULL,
    active_from    DATE,
    active_through DATE         NOT NULL,
    PRIMARY KEY (tenant_id, person_id, invoice_id)
);
