-- Waivers, refunds, voids and memberships; existing rows keep zero amounts and no membership.
ALTER TABLE invoice_view ADD COLUMN waived_cents       BIGINT NOT NULL DEFAULT 0;
ALTER TABLE invoice_view ADD COLUMN refunded_cents     BIGINT NOT NULL DEFAULT 0;
ALTER TABLE invoice_view ADD COLUMN void_reason        VARCHAR(500);
ALTER TABLE invoice_view ADD COLUMN membership_through DATE;
CREATE INDEX invoice_view_by_tenant_status ON invoice_view (tenant_id, status, due_on);
